import fc from 'fast-check';
import { parseWebhook } from '../../core/webhooks';
import type { WebhookEventKind } from '../../core/types';
import {
	CANNOT_CANCEL_ERROR,
	INVALID_TRANSITION_ERROR,
	configurationUpdateChange,
	deliveryStatus,
	failedMessageStatus,
	messagesChange,
	paymentMethodMessage,
	paymentStatus,
	seedOneClickWebhook,
	textMessage,
	webhookBody,
	webhookError,
	type JsonObject,
} from '../fixtures/webhooks';

const KINDS: ReadonlySet<WebhookEventKind> = new Set(['payment_status', 'payment_method', 'payment_configuration_update', 'error', 'other', 'invalid']);

/** The contract every input must meet: an array of events of known kinds with string keys and sources. */
function assertWellFormed(body: unknown): void {
	const events = parseWebhook(body);
	if (!Array.isArray(events)) throw new Error('not an array');
	for (const event of events) {
		if (!KINDS.has(event.kind)) throw new Error(`unknown kind ${String(event.kind)}`);
		if (typeof event.dedupeKey !== 'string' || event.dedupeKey === '') throw new Error('dedupeKey is not a non-empty string');
		if (typeof event.source !== 'string') throw new Error('source is not a string');
		if (event.kind === 'invalid' && typeof event.reason !== 'string') throw new Error('invalid without a reason');
		if (event.timestamp !== null && typeof event.timestampIso !== 'string') throw new Error('timestamp without ISO text');
	}
}

/** The seed's One-Click change on its own. */
const seedChange = (): JsonObject => ((seedOneClickWebhook().entry as JsonObject[])[0].changes as JsonObject[])[0];

/** Valid bodies of every kind the parser knows: 1-3 entries of 1-4 changes. */
const validChange: fc.Arbitrary<() => JsonObject> = fc.constantFrom(
	() => messagesChange({ statuses: [paymentStatus(), paymentStatus({ status: 'failed', errors: [webhookError(131009, 'x')] })] }),
	() => messagesChange({ statuses: [failedMessageStatus([INVALID_TRANSITION_ERROR()]), failedMessageStatus([CANNOT_CANCEL_ERROR()])] }),
	() => messagesChange({ statuses: [deliveryStatus('read')], messages: [paymentMethodMessage(), textMessage('hi')] }),
	() => messagesChange({ errors: [webhookError(131000, 'Something went wrong', 'details')] }),
	() => configurationUpdateChange('Needs Connecting'),
	seedChange,
);
const validBody: fc.Arbitrary<JsonObject> = fc
	.array(fc.array(validChange, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 })
	.map((entries) => webhookBody(entries.map((changes) => changes.map((make) => make()))));

/** Any JSON value, with object keys that include the ones the parser reads and "__proto__". */
const KEYS = ['object', 'entry', 'id', 'time', 'changes', 'field', 'value', 'metadata', 'phone_number_id', 'statuses', 'messages', 'errors', 'contacts', 'type', 'status', 'payment', 'interactive', 'payment_method', 'amount', 'transaction', 'refunds', 'timestamp', 'code', '__proto__'];
const jsonValue = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, '', 'payment', 'interactive', 'payment_method', 'whatsapp_business_account', '1726170122', 'NaN'),
		fc.string(),
		fc.integer(),
		fc.double(),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), tie('value'), { maxKeys: 5 }),
	),
})).value;

type Path = Array<string | number>;

/** Every path to a value inside a JSON tree. */
function pathsOf(x: unknown, prefix: Path = [], out: Path[] = []): Path[] {
	out.push(prefix);
	if (Array.isArray(x)) x.forEach((v, i) => pathsOf(v, [...prefix, i], out));
	else if (x !== null && typeof x === 'object') for (const k of Object.keys(x)) pathsOf((x as JsonObject)[k], [...prefix, k], out);
	return out;
}

/** A valid body with one value replaced (by random JSON) or deleted. */
const mutatedBody = fc
	.tuple(validBody, fc.nat(), jsonValue, fc.boolean())
	.map(([body, pick, replacement, remove]) => {
		const paths = pathsOf(body).filter((p) => p.length > 0);
		const path = paths[pick % paths.length];
		let parent = body as unknown as Record<string | number, unknown>;
		for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
		const last = path[path.length - 1];
		if (remove && !Array.isArray(parent)) delete parent[last];
		else parent[last] = replacement;
		return body;
	});

describe('parseWebhook fuzz', () => {
	it('never throws on random JSON (as values and as text)', () => {
		fc.assert(
			fc.property(jsonValue, (value) => {
				assertWellFormed(value);
				assertWellFormed(JSON.stringify(value) ?? '');
			}),
			{ numRuns: 10_000 },
		);
	});

	it('never throws on mutated valid bodies, and reads valid ones with no invalid event', () => {
		fc.assert(
			fc.property(validBody, (body) => {
				const events = parseWebhook(body);
				if (events.length === 0 || events.some((e) => e.kind === 'invalid')) throw new Error('a valid body gave invalid events');
			}),
			{ numRuns: 1_000 },
		);
		fc.assert(fc.property(mutatedBody, (body) => assertWellFormed(body)), { numRuns: 10_000 });
	});

	it('never throws on random text and bytes', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 64 })), (input) => assertWellFormed(typeof input === 'string' ? input : Buffer.from(input))),
			{ numRuns: 2_000 },
		);
	});
});
