/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Every JSON example of Meta's payments pages (../shared/meta-docs/) against the core: order_details and
 * order_status sends must validate, webhooks must parse into the events the page describes, lookup,
 * refund, configuration and error answers must read as the page says.
 *
 * An example is either checked, or listed once in exampleLists.ts: in EXCLUDED (with why it is not ours to
 * check: another API, a syntax template, a fragment) or in KNOWN_GAPS (it should pass and does not yet; the
 * area says who fixes it). The lists stay honest: a listed example that is gone, or a known gap that now passes,
 * fails the test, and so does an unlisted example that fails.
 */
import { isDeepStrictEqual } from 'util';
import {
	buildOrderStatusMessage,
	normalizePayment,
	normalizePaymentConfiguration,
	parseApiError,
	parseWebhook,
	paymentConfigurationRequestErrors,
	paymentConfigurationsOf,
	readRefundRequest,
	refundSucceeded,
	validateOrderDetails,
	validateOrderStatus,
	type OrderStatusInput,
	type ValidationError,
	type ValidationResult,
} from '../../core';
import { checkoutOrderErrors, readCheckoutRequest, validateCheckoutAnswer, type CheckoutSubAction } from '../../core/checkout';
import { dataEndpointRequest } from '../../core/checkoutSetup';
import { isObject, type JsonObject } from '../../core/messageShape';
import { isPaymentLinkTemplateMessage, validatePaymentLinkTemplateMessage } from '../../core/paymentLinks';
import { COMPLETIONS, EXCLUDED, KNOWN_GAPS, type Listed } from './exampleLists';
import { allExamples, parseExample, type DocExample } from './metaDocs';

// ---------------------------------------------------------------- checks

/** Problems found in one example, each ending in "(rule)" when a validation rule found it; empty when it holds. */
type Problems = string[];

const problemsOfErrors = (errors: ValidationError[]): Problems => errors.map((e) => `${e.path || '/'}: ${e.message} (${e.rule})`);
const problemsOf = (result: ValidationResult): Problems => problemsOfErrors(result.errors);

const arrayOf = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** The order message kind an example sends, from the interactive object or a template's order button/component. */
function orderKind(x: JsonObject): 'order_details' | 'order_status' | null {
	const interactive = isObject(x.interactive) ? x.interactive : x;
	if (interactive.type === 'order_details' || interactive.type === 'order_status') return interactive.type;
	const template = isObject(x.template) ? x.template : null;
	for (const component of arrayOf(template?.components)) {
		if (!isObject(component)) continue;
		if (component.sub_type === 'order_details') return 'order_details';
		if (component.type === 'order_status') return 'order_status';
	}
	return null;
}

function checkWebhook(body: JsonObject): Problems {
	const events = parseWebhook(body);
	const problems: Problems = events.filter((e) => e.kind === 'invalid').map((e) => `invalid part ${e.source}: ${'reason' in e ? e.reason : ''}`);
	for (const entry of arrayOf(body.entry)) {
		for (const change of arrayOf(isObject(entry) ? entry.changes : undefined)) {
			if (!isObject(change) || !isObject(change.value)) continue;
			const value = change.value;
			if (change.field === 'payment_configuration_update') {
				const found = events.find((e) => e.kind === 'payment_configuration_update' && e.configurationName === value.configuration_name);
				if (!found) problems.push(`no payment_configuration_update event for ${String(value.configuration_name)}`);
			}
			for (const status of arrayOf(value.statuses)) {
				if (!isObject(status) || !isObject(status.payment)) continue;
				const payment = status.payment;
				const event = events.find((e) => e.kind === 'payment_status' && e.referenceId === payment.reference_id);
				if (!event || event.kind !== 'payment_status') {
					problems.push(`no payment_status event for reference ${String(payment.reference_id)}`);
					continue;
				}
				const amount = isObject(payment.amount) ? payment.amount : null;
				if (amount && event.amount?.minor !== amount.value) problems.push(`amount read as ${JSON.stringify(event.amount)}, the page has ${JSON.stringify(amount)}`);
				if (event.status !== status.status) problems.push(`status read as ${event.status}, the page has ${String(status.status)}`);
			}
		}
	}
	if (events.length === 0) problems.push('no events');
	return problems;
}

function checkLookup(body: JsonObject): Problems {
	const payment = normalizePayment(body);
	const raw = arrayOf(body.payments)[0];
	if (!payment || !isObject(raw)) return ['not read as a payment'];
	const problems: Problems = [];
	if (payment.referenceId !== raw.reference_id) problems.push(`reference_id read as ${payment.referenceId}`);
	if (payment.status !== raw.status) problems.push(`status read as ${payment.status}, the page has ${String(raw.status)}`);
	const amount = isObject(raw.amount) ? raw.amount : isObject(raw.total_amount) ? raw.total_amount : null;
	if (amount && payment.amount?.minor !== amount.value) problems.push(`amount read as ${JSON.stringify(payment.amount)}`);
	const listedRefunds = arrayOf(raw.transactions).reduce<number>((n, t) => n + arrayOf(isObject(t) ? t.refunds : undefined).length, arrayOf(raw.refunds).length);
	if (payment.refunds.length !== listedRefunds) problems.push(`${payment.refunds.length} refunds read, the page lists ${listedRefunds}`);
	return problems;
}

function checkApiError(body: JsonObject): Problems {
	const info = parseApiError(body);
	const first = isObject(body.error) ? body.error : isObject(arrayOf(body.errors)[0]) ? (arrayOf(body.errors)[0] as JsonObject) : {};
	return info.code === first.code ? [] : [`code read as ${info.code}, the page has ${String(first.code)}`];
}

function checkRefundRequest(body: JsonObject): Problems {
	return problemsOfErrors(readRefundRequest(body).errors);
}

function checkRefundAnswer(body: JsonObject): Problems {
	const status = typeof body.status === 'string' ? body.status : null;
	return refundSucceeded(status) === (status === 'completed') ? [] : [`refund status ${status} misread`];
}

function checkConfigurationRequest(body: JsonObject): Problems {
	return problemsOfErrors(paymentConfigurationRequestErrors(body));
}

function checkConfigurationAnswer(body: JsonObject): Problems {
	const listed = arrayOf(body.data).flatMap((d) => (isObject(d) && Array.isArray(d.payment_configurations) ? d.payment_configurations : [d]));
	const read = paymentConfigurationsOf(body).map(normalizePaymentConfiguration);
	const problems: Problems = [];
	if (read.length !== listed.length) problems.push(`${read.length} configurations read, the page lists ${listed.length}`);
	for (const c of read) if (!c.configurationName || !c.statusNormalized) problems.push(`configuration read as ${JSON.stringify(c)}`);
	return problems;
}

/**
 * An interactive order_status is also built by the core from its own values: the builder must produce the
 * page's interactive object (the spelling of partially shipped as the page writes it).
 */
function checkOrderStatusBuilt(message: JsonObject): Problems {
	const interactive = message.interactive;
	if (!isObject(interactive) || !isObject(interactive.action)) return [];
	const parameters = isObject(interactive.action.parameters) ? interactive.action.parameters : {};
	const order = isObject(parameters.order) ? parameters.order : null;
	if (!order) return [];
	const text = (x: unknown) => (isObject(x) && typeof x.text === 'string' ? x.text : undefined);
	try {
		const built = buildOrderStatusMessage(
			{
				to: String(message.to ?? '919000090000'),
				referenceId: String(parameters.reference_id),
				status: order.status as OrderStatusInput['status'],
				description: order.description as string | undefined,
				body: text(interactive.body) ?? '',
				footer: text(interactive.footer),
				payment: parameters.payment as OrderStatusInput['payment'],
			},
			{ partiallyShippedSpelling: order.status === 'partially-shipped' ? 'partially-shipped' : 'partially_shipped' },
		);
		return isDeepStrictEqual(built.interactive, interactive) ? [] : [`built as ${JSON.stringify(built.interactive)}`];
	} catch (e) {
		return [`not built: ${(e as Error).message}`];
	}
}

/** Sends are checked at a time the example was valid: an hour before its earliest expiration (else now). */
function sendOptions(x: unknown): { now: () => number } {
	const expirations = [...JSON.stringify(x).matchAll(/"expiration":\{"timestamp":"?(\d+)"?/g)].map((m) => Number(m[1]));
	const now = expirations.length ? (Math.min(...expirations) - 3600) * 1000 : Date.now();
	return { now: () => now };
}

/** A template message around one template component, the way a checkout button component is sent. */
function inTemplate(component: JsonObject): JsonObject {
	return { messaging_product: 'whatsapp', to: '919000090000', type: 'template', template: { name: 'checkout', language: { policy: 'deterministic', code: 'en' }, components: [component] } };
}

/** A checkout endpoint request: read as a sub-action, its order valid by the order_details rules. */
function checkCheckoutRequest(body: JsonObject): Problems {
	const request = readCheckoutRequest(body);
	if (request.kind !== 'sub_action') return [`read as ${request.kind}${request.kind === 'invalid' ? `: ${problemsOfErrors(request.errors).join('; ')}` : ''}`];
	return problemsOfErrors(checkoutOrderErrors(request.orderDetails, '/data/order_details'));
}

/** A checkout endpoint answer, checked against a request of the same order (the coupon the answer applies). */
function checkCheckoutAnswer(body: JsonObject): Problems {
	const data = body.data as JsonObject;
	const orderDetails = isObject(data.order_details) ? data.order_details : {};
	const coupon = isObject(orderDetails.coupon) ? { code: String(orderDetails.coupon.code) } : undefined;
	const request = { kind: 'sub_action' as const, subAction: body.sub_action as CheckoutSubAction, version: String(body.version), orderDetails, input: { userId: '919000090000', coupon } };
	return problemsOfErrors(validateCheckoutAnswer(request, data).errors);
}

/** What an example is, and the check that proves the core handles it as its page says. */
function classify(x: unknown): { kind: string; check: (x: JsonObject) => Problems } | null {
	if (!isObject(x)) return null;
	// "Assemble the interactive object": the page shows {interactive} alone, the envelope comes in a later step.
	if (x.to === undefined && x.type === undefined && isObject(x.interactive) && orderKind(x) !== null) {
		const inner = classify(x.interactive);
		return inner && { kind: `${inner.kind} (interactive object)`, check: (m) => inner.check(m.interactive as JsonObject) };
	}
	if (x.action === 'data_exchange' && typeof x.sub_action === 'string') return { kind: 'checkout endpoint request', check: checkCheckoutRequest };
	if (typeof x.sub_action === 'string' && isObject(x.data)) return { kind: 'checkout endpoint answer', check: checkCheckoutAnswer };
	if (typeof x.data_endpoint_url === 'string') return { kind: 'data endpoint link request', check: (m) => problemsOfErrors(dataEndpointRequest(m.data_endpoint_url as string).errors) };
	if (x.type === 'button' && x.sub_type === 'order_details') return { kind: 'order_details template button', check: (m) => problemsOf(validateOrderDetails(inTemplate(m), sendOptions(m))) };
	if (x.type === 'button' && x.sub_type === 'url') return { kind: 'payment link template button', check: (m) => problemsOf(validatePaymentLinkTemplateMessage(inTemplate(m))) };
	if (isPaymentLinkTemplateMessage(x)) return { kind: 'payment link template send', check: (m) => problemsOf(validatePaymentLinkTemplateMessage(m)) };
	if (Array.isArray(x.entry)) return { kind: 'webhook', check: checkWebhook };
	if (Array.isArray(x.payments)) return { kind: 'payment lookup answer', check: checkLookup };
	if (isObject(x.error) || Array.isArray(x.errors)) return { kind: 'error answer', check: checkApiError };
	const order = orderKind(x);
	if (order === 'order_details') return { kind: 'order_details send', check: (m) => problemsOf(validateOrderDetails(m, sendOptions(m))) };
	if (order === 'order_status') return { kind: 'order_status send', check: (m) => [...problemsOf(validateOrderStatus(m)), ...checkOrderStatusBuilt(m)] };
	if (x.payment_config_id !== undefined) return { kind: 'refund request', check: checkRefundRequest };
	if (x.speed_processed !== undefined) return { kind: 'refund answer', check: checkRefundAnswer };
	if (Array.isArray(x.data)) return { kind: 'payment configuration answer', check: checkConfigurationAnswer };
	if (x.provider_name !== undefined) return { kind: 'payment configuration create request', check: checkConfigurationRequest };
	return null;
}

/**
 * A string value written as alternatives ("processing | partially_shipped | shipped") stands for each of
 * them: the example is checked once per alternative.
 */
function variants(x: unknown): unknown[] {
	const text = JSON.stringify(x);
	const match = /"((?:[a-z_-]+ \| )+[a-z_-]+)"/.exec(text);
	if (!match) return [x];
	return match[1].split(' | ').flatMap((choice) => variants(JSON.parse(text.replace(match[0], JSON.stringify(choice)))));
}

/** Values for placeholders ("<REFERENCE_ID>", "utc_timestamp_in_seconds") where a field has a format; other placeholders stay. */
const PLACEHOLDER_FILLS: Record<string, unknown> = { reference_id: 'ref-0001', country_code: 'IN', timestamp: '1780000000', to: '919000090000' };
const isPlaceholder = (v: unknown) => typeof v === 'string' && (/^<[^>]+>$/.test(v) || v === 'utc_timestamp_in_seconds' || v === 'notification_timestamp');

function fillPlaceholders(x: unknown): unknown {
	if (Array.isArray(x)) return x.map(fillPlaceholders);
	if (!isObject(x)) return x;
	const out: JsonObject = {};
	for (const [k, v] of Object.entries(x)) out[k] = isPlaceholder(v) && k in PLACEHOLDER_FILLS ? PLACEHOLDER_FILLS[k] : fillPlaceholders(v);
	return out;
}

/** The problems of one example as found on its page (placeholders filled), or as completed (COMPLETIONS). */
function problemsOfValue(value: unknown): Problems {
	const filled = fillPlaceholders(value);
	const what = classify(filled);
	if (!what) return ['not a request, answer or webhook shape this test knows'];
	return variants(filled).flatMap((v) => what.check(v as JsonObject).map((p) => `${what.kind}: ${p}`));
}

function problemsOfExample(example: DocExample, byKey: Map<string, DocExample>): Problems {
	const completion = COMPLETIONS.find((c) => c.key === example.key);
	if (completion) {
		const base = byKey.get(completion.base);
		const parsedBase = base && parseExample(base.text);
		if (!parsedBase) return [`the base example ${completion.base} is gone`];
		return completion.complete(parsedBase.value as JsonObject).flatMap(problemsOfValue);
	}
	const parsed = parseExample(example.text);
	return parsed ? problemsOfValue(parsed.value) : ['not JSON, even read leniently'];
}

// ---------------------------------------------------------------- the test

const examples = allExamples();
const byKey = new Map(examples.map((e) => [e.key, e]));
const listing = (list: Listed[], example: DocExample) => list.find((l) => l.key === example.key || l.key === `page:${example.file}`);

describe("Meta's JSON examples (../shared/meta-docs/)", () => {
	it('finds the pages and their examples', () => {
		expect(examples.length).toBeGreaterThan(50);
		expect(new Set(examples.map((e) => e.key)).size).toBe(examples.length);
	});

	it.each(examples.map((e) => [e.key, e] as const))('%s', (_key, example) => {
		const excluded = listing(EXCLUDED, example);
		const gap = listing(KNOWN_GAPS, example);
		expect({ excludedAndAGap: Boolean(excluded && !excluded.rules && gap) }).toEqual({ excludedAndAGap: false });
		if (excluded && !excluded.rules) return;
		const excused = new Set(excluded?.rules ?? []);
		const all = problemsOfExample(example, byKey);
		const ruleOf = (p: string) => /\((\w+)\)$/.exec(p)?.[1] ?? '';
		// An excused rule that no longer finds anything must leave the list.
		const staleExcuses = [...excused].filter((rule) => !all.some((p) => ruleOf(p) === rule));
		expect({ key: example.key, staleExcuses }).toEqual({ key: example.key, staleExcuses: [] });
		const problems = all.filter((p) => !excused.has(ruleOf(p)));
		if (gap) {
			// A known gap that now passes must leave the list.
			expect({ stillAGap: problems.length > 0, key: example.key }).toEqual({ stillAGap: true, key: example.key });
		} else {
			expect({ key: example.key, line: example.line, problems }).toEqual({ key: example.key, line: example.line, problems: [] });
		}
	});

	it('lists only examples that exist, each once, with a reason', () => {
		const keys = new Set(examples.map((e) => e.key));
		const files = new Set(examples.map((e) => e.file));
		const listed = [...EXCLUDED, ...KNOWN_GAPS];
		const missing = listed.filter((l) => (l.key.startsWith('page:') ? !files.has(l.key.slice(5)) : !keys.has(l.key))).map((l) => l.key);
		expect(missing).toEqual([]);
		expect(listed.filter((l) => l.reason.trim() === '').map((l) => l.key)).toEqual([]);
		for (const list of [EXCLUDED, KNOWN_GAPS]) expect(new Set(list.map((l) => l.key)).size).toBe(list.length);
	});
});
