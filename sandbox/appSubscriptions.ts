/**
 * The Meta app's webhook subscriptions (Graph API /{app-id}/subscriptions), called with the APP access
 * token. The subscription of object "whatsapp_business_account" is the app's WhatsApp webhook: the same
 * target the operator can set with POST /_sandbox/webhook, so Cloud API webhooks go to its callback_url,
 * only for its fields. Like Meta, a new callback URL is verified (GET hub.challenge) before it is saved.
 */
import { isObject } from '../core/messageShape';
import { malformed, metaError, unknownObject } from './metaErrors';
import { ok, type SandboxRequest, type SandboxResponse } from './router';
import { webhookUrlError, type WebhookDispatcher } from './webhooks';

export const WHATSAPP_OBJECT = 'whatsapp_business_account';
const FIELD_NAME = /^[a-z_]+$/;

export interface AppSubscriptionSettings {
	appId: string;
	/** Signs the deliveries to a callback URL saved through this API. */
	appSecret: string;
	webhooks: WebhookDispatcher;
}

/** A request parameter from the JSON body or, as the Graph API also takes them, from the query string. */
function parameter(req: SandboxRequest, name: string): unknown {
	if (isObject(req.body) && req.body[name] !== undefined) return req.body[name];
	return req.query.get(name) ?? undefined;
}

/** `fields` as Meta takes it: "a,b" or ["a", "b"]. */
function fieldList(value: unknown): string[] | undefined {
	const names = typeof value === 'string' ? value.split(',').map((name) => name.trim()) : Array.isArray(value) ? value : undefined;
	if (!names || names.length === 0 || !names.every((name) => typeof name === 'string' && FIELD_NAME.test(name))) return undefined;
	return [...new Set(names as string[])];
}

export class AppSubscriptions {
	constructor(private readonly settings: AppSubscriptionSettings) {}

	/** GET: the app's subscriptions ({data: [...]}, empty when there is no WhatsApp webhook). */
	list(req: SandboxRequest): SandboxResponse {
		const refused = this.unknownApp(req);
		if (refused) return refused;
		const target = this.settings.webhooks.getTarget('cloudApi');
		if (!target) return ok({ data: [] });
		const version = req.params.version;
		const fields = target.fields ?? ['messages'];
		return ok({ data: [{ object: WHATSAPP_OBJECT, callback_url: target.url, active: true, fields: fields.map((name) => ({ name, version })) }] });
	}

	/** POST {object, callback_url, verify_token, fields}: verifies the callback, then saves it (replacing any). */
	async subscribe(req: SandboxRequest): Promise<SandboxResponse> {
		const refused = this.unknownApp(req);
		if (refused) return refused;
		const object = parameter(req, 'object');
		if (object !== WHATSAPP_OBJECT) return malformed(`object: must be "${WHATSAPP_OBJECT}" (the only object the sandbox serves)`);
		const callbackUrl = parameter(req, 'callback_url');
		const urlProblem = webhookUrlError(callbackUrl);
		if (urlProblem) return malformed(urlProblem.replace(/^url/, 'callback_url'));
		const verifyToken = parameter(req, 'verify_token');
		if (typeof verifyToken !== 'string' || verifyToken === '') return malformed('verify_token: is required with a callback_url');
		const fields = fieldList(parameter(req, 'fields'));
		if (!fields) return malformed('fields: must be a comma-separated list of field names');
		const problem = await this.settings.webhooks.verify(callbackUrl as string, verifyToken);
		if (problem) return metaError(400, { message: `(#2200) Callback verification failed: ${problem}`, code: 2200 });
		this.settings.webhooks.setTarget('cloudApi', { url: callbackUrl as string, appSecret: this.settings.appSecret, fields });
		return ok({ success: true });
	}

	/** DELETE ?object=whatsapp_business_account (or no object: every subscription): the app's webhook stops. */
	unsubscribe(req: SandboxRequest): SandboxResponse {
		const refused = this.unknownApp(req);
		if (refused) return refused;
		const object = parameter(req, 'object');
		if (object === undefined || object === WHATSAPP_OBJECT) this.settings.webhooks.setTarget('cloudApi', undefined);
		return ok({ success: true });
	}

	private unknownApp(req: SandboxRequest): SandboxResponse | undefined {
		return req.params.appId === this.settings.appId ? undefined : unknownObject(req.params.appId);
	}
}
