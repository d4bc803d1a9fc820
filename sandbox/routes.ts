/**
 * Every route of the sandbox: the Cloud API under /{version}/, the 360dialog paths, and the control
 * API under /_sandbox/ (the customer's side, the operator's settings and the logs).
 */
import { faultSettingsErrors, type FaultInjector } from './faults';
import { malformed, metaError, rateLimitHit, unknownObject } from './metaErrors';
import type { RateLimiter } from './rateLimit';
import { controlError, ok, Router, type SandboxRequest, type SandboxResponse } from './router';
import type { BusinessAccount } from './account';
import { AppSubscriptions } from './appSubscriptions';
import type { CheckoutClient } from './checkout/client';
import { addCheckoutRoutes } from './checkout/routes';
import type { PaymentsSimulator } from './simulator';
import { webhookHeadersError, webhookUrlError, type Channel, type WebhookDispatcher } from './webhooks';
import { isObject } from '../core/messageShape';

export interface RequestLogEntry {
	time: string;
	method: string;
	path: string;
	/** HTTP status, or "reset" when the connection was reset by an injected fault. */
	status: number | 'reset';
	reference_id?: string;
	message_type?: string;
	fault?: string;
}

export interface RouteContext {
	simulator: PaymentsSimulator;
	/** The account's phone numbers and templates, and what the token reaches. */
	account: BusinessAccount;
	webhooks: WebhookDispatcher;
	faults: FaultInjector;
	rateLimiter: RateLimiter;
	requestLog: RequestLogEntry[];
	/** The number the 360dialog API key stands for. */
	dialog360PhoneNumberId: string;
	/** The app secret that signs deliveries unless a webhook sets its own. */
	appSecret: string;
	/** The Meta app whose webhook subscriptions are served. */
	appId: string;
	/** Forgets all state: orders, configurations, logs, rate windows, the fault sequence. */
	reset: () => void;
	/** Business public keys, data endpoints and the buyer's checkout (sandbox/checkout/). */
	checkout: CheckoutClient;
}

/** A Cloud API version segment: v23.0, v21.0, v1 ... */
export const GRAPH_VERSION = /^v\d+(\.\d+)?$/;

export function buildRouter(ctx: RouteContext): Router {
	const { simulator, account, webhooks } = ctx;
	const router = new Router({ version: GRAPH_VERSION });

	const send = (channel: Channel, phoneNumberId: string, req: SandboxRequest): SandboxResponse => {
		if (!ctx.rateLimiter.take(phoneNumberId)) return rateLimitHit();
		return simulator.sendMessage(channel, phoneNumberId, req.body);
	};
	/** The payment lookup, which does not see an order yet while the injected lookup lag lasts (as if Meta's lookup lagged). */
	const lookup = (phoneNumberId: string, configuration: string, referenceId: string, reading: 'newest' | 'seed'): SandboxResponse =>
		ctx.faults.hiddenFromLookup(referenceId) ? { ...unknownObject(referenceId), log: { referenceId } } : simulator.lookup(phoneNumberId, configuration, referenceId, reading);

	// ---------------------------------------------------------------- control API (no auth)
	router
		.add('GET', '/_sandbox/orders', 'control', () => simulator.listOrders())
		.add('GET', '/_sandbox/orders/:referenceId', 'control', (r) => simulator.getOrder(r.params.referenceId))
		.add('POST', '/_sandbox/orders/:referenceId/pay', 'control', (r) => simulator.pay(r.params.referenceId, r.body))
		.add('POST', '/_sandbox/orders/:referenceId/one-click', 'control', (r) => simulator.oneClick(r.params.referenceId))
		// {outcome: success | failed}: the gateway settles a pending (normal speed) refund.
		.add('POST', '/_sandbox/orders/:referenceId/refunds/:refundId', 'control', (r) => simulator.settleRefund(r.params.referenceId, r.params.refundId, r.body))
		.add('POST', '/_sandbox/configurations/:name/status', 'control', (r) => simulator.setConfigurationStatus(r.params.name, r.body))
		// {accepted: false}: order messages answer 134011, the configuration endpoints 131005 (the pages' two readings).
		.add('POST', '/_sandbox/terms', 'control', (r) => simulator.setTermsAccepted(r.body))
		// Where the OAuth links handed out by the configuration endpoints lead: opening one connects the gateway,
		// which leaves the configuration Needs Testing (payment-configuration-update-webhook-reference.md § Parameters);
		// the test in WhatsApp Manager that makes it Active is the status route's. Opening a link of an Active
		// configuration connects it again and so needs testing again (UNCONFIRMED: the pages do not say).
		.add('GET', '/_sandbox/configurations/:name/connect', 'control', (r) => {
			const result = simulator.setConfigurationStatus(r.params.name, { status: 'Needs Testing' });
			if (result.status !== 200) return result;
			return {
				status: 200,
				contentType: 'text/html; charset=utf-8',
				// encodeURIComponent leaves no <, >, & or " in the name: safe in this page.
				body: `<!doctype html><title>Connected</title><p>The payment configuration is connected to the gateway and needs testing (Needs Testing). To make it Active: <code>POST /_sandbox/configurations/${encodeURIComponent(r.params.name)}/status {"status": "Active"}</code>.</p>`,
			};
		})
		.add('GET', '/_sandbox/requests', 'control', () => ok({ data: ctx.requestLog }))
		.add('POST', '/_sandbox/reset', 'control', () => {
			ctx.reset();
			return ok({ success: true });
		})
		.add('GET', '/_sandbox/webhook', 'control', () => ok(targetView(webhooks, 'cloudApi')))
		// {url, appSecret?, verifyToken?}: with a verify token the URL must first pass Meta's subscription check.
		.add('POST', '/_sandbox/webhook', 'control', async (r) => {
			const body = isObject(r.body) ? r.body : {};
			if (body.url === null) {
				webhooks.setTarget('cloudApi', undefined);
				return ok(targetView(webhooks, 'cloudApi'));
			}
			const problem = webhookUrlError(body.url) ?? nonEmptyStringError(body, 'appSecret') ?? nonEmptyStringError(body, 'verifyToken');
			if (problem) return controlError(400, problem);
			const url = body.url as string;
			if (body.verifyToken !== undefined) {
				const refused = await webhooks.verify(url, body.verifyToken as string);
				if (refused) return controlError(400, `url: ${refused}`);
			}
			webhooks.setTarget('cloudApi', { url, appSecret: (body.appSecret as string | undefined) ?? ctx.appSecret });
			return ok(targetView(webhooks, 'cloudApi'));
		})
		.add('GET', '/_sandbox/webhooks', 'control', () => ok({ data: webhooks.log() }))
		.add('POST', '/_sandbox/webhooks/flush', 'control', async () => ok({ data: await webhooks.flush() }))
		.add('GET', '/_sandbox/faults', 'control', () => ok(ctx.faults.current()))
		.add('POST', '/_sandbox/faults', 'control', (r) => {
			if (!isObject(r.body)) return controlError(400, 'the body must be a JSON object of fault settings');
			const problems = faultSettingsErrors(r.body);
			if (problems.length) return controlError(400, problems.join('; '));
			try {
				return ok(ctx.faults.configure(r.body));
			} catch (e) {
				return controlError(400, (e as Error).message);
			}
		});

	// ---------------------------------------------------------------- 360dialog (D360-API-KEY)
	// The 360dialog seed is authoritative for its own paths: its lookup answers in the seed's reading.
	const dialogLookup = (r: SandboxRequest) => lookup(ctx.dialog360PhoneNumberId, r.params.configuration, r.params.referenceId, 'seed');
	router
		.add('POST', '/messages', 'dialog360', (r) => send('dialog360', ctx.dialog360PhoneNumberId, r))
		.add('GET', '/v1/payments/:configuration/:referenceId', 'dialog360', dialogLookup)
		// UNCONFIRMED: the seed documents /v1/payments; the Cloud-style /payments may also be served.
		.add('GET', '/payments/:configuration/:referenceId', 'dialog360', dialogLookup)
		// UNCONFIRMED: 360dialog's refund path is the Cloud one without the phone number id.
		.add('POST', '/payments_refund', 'dialog360', (r) => simulator.refund(ctx.dialog360PhoneNumberId, r.body))
		.add('GET', '/v1/configs/templates', 'dialog360', () => account.dialog360Templates())
		.add('GET', '/v1/configs/webhook', 'dialog360', () => ok({ url: webhooks.getTarget('dialog360')?.url ?? null }))
		.add('POST', '/v1/configs/webhook', 'dialog360', (r) => {
			const body = isObject(r.body) ? r.body : {};
			const problem = webhookUrlError(body.url) ?? webhookHeadersError(body.headers);
			if (problem) return malformed(problem);
			webhooks.setTarget('dialog360', { url: body.url as string, appSecret: ctx.appSecret, headers: (body.headers as Record<string, string> | undefined) ?? {} });
			return ok({ url: body.url });
		});

	// ---------------------------------------------------------------- Meta app (Authorization: Bearer <app access token>)
	const subscriptions = new AppSubscriptions({ appId: ctx.appId, appSecret: ctx.appSecret, webhooks });
	router
		.add('GET', '/:version/:appId/subscriptions', 'app', (r) => subscriptions.list(r))
		.add('POST', '/:version/:appId/subscriptions', 'app', (r) => subscriptions.subscribe(r))
		.add('DELETE', '/:version/:appId/subscriptions', 'app', (r) => subscriptions.unsubscribe(r));

	addCheckoutRoutes(router, ctx.checkout);

	// ---------------------------------------------------------------- Cloud API (Authorization: Bearer)
	router
		.add('GET', '/:version/me', 'cloudApi', () => account.me())
		.add('GET', '/:version/debug_token', 'cloudApi', (r) => account.debugToken(r.query.get('input_token')))
		.add('GET', '/:version/:wabaId/phone_numbers', 'cloudApi', () => account.phoneNumbers())
		.add('GET', '/:version/:wabaId/message_templates', 'cloudApi', () => account.templates())
		.add('POST', '/:version/:phoneNumberId/messages', 'cloudApi', (r) => send('cloudApi', r.params.phoneNumberId, r))
		.add('GET', '/:version/:phoneNumberId/payments/:configuration/:referenceId', 'cloudApi', (r) =>
			lookup(r.params.phoneNumberId, r.params.configuration, r.params.referenceId, 'newest'),
		)
		.add('POST', '/:version/:phoneNumberId/payments_refund', 'cloudApi', (r) => simulator.refund(r.params.phoneNumberId, r.body))
		.add('GET', '/:version/:wabaId/payment_configurations', 'cloudApi', () => simulator.listConfigurations())
		.add('GET', '/:version/:wabaId/payment_configuration/:name', 'cloudApi', (r) => simulator.getConfiguration(r.params.name))
		.add('POST', '/:version/:wabaId/payment_configuration', 'cloudApi', (r) => simulator.createConfiguration(r.body))
		.add('DELETE', '/:version/:wabaId/payment_configuration', 'cloudApi', (r) =>
			simulator.deleteConfiguration(isObject(r.body) && r.body.configuration_name !== undefined ? r.body.configuration_name : r.query.get('configuration_name') ?? undefined),
		)
		.add('POST', '/:version/:wabaId/generate_payment_configuration_oauth_link', 'cloudApi', (r) => simulator.generateOauthLink(r.body))
		.add('GET', '/:version/:phoneNumberId', 'cloudApi', (r) => simulator.phoneNumber(r.params.phoneNumberId));

	return router;
}

/** A webhook target as the control API shows it: never its secret. */
function targetView(webhooks: WebhookDispatcher, channel: Channel): { url: string | null; signed: boolean } {
	const target = webhooks.getTarget(channel);
	return { url: target?.url ?? null, signed: Boolean(target?.appSecret) };
}

function nonEmptyStringError(body: Record<string, unknown>, field: string): string | undefined {
	return body[field] !== undefined && (typeof body[field] !== 'string' || body[field] === '') ? `${field}: must be a non-empty string` : undefined;
}

/** Meta's answers for paths and methods it does not serve. */
export const unknownPath = (path: string): SandboxResponse => metaError(400, { message: `Unknown path components: ${path}`, code: 2500 });
export const unsupportedMethod = (method: string): SandboxResponse => metaError(400, { message: `(#100) Unsupported ${method.toLowerCase()} request.`, code: 100 });
