/**
 * Meta Cloud API with an app token: the trigger manages the Meta app's WhatsApp webhook itself.
 *
 * The callback URL belongs to the Meta app, and Meta lets only the app's own access token set it
 * (Graph API /{app-id}/subscriptions); the system-user token of the credential cannot. When the
 * credential holds the optional App ID with the App Secret (or an App Access Token):
 *   - checkExists: GET /{app-id}/subscriptions: is object "whatsapp_business_account" subscribed with this
 *     node's production URL and our fields?
 *   - create: POST /{app-id}/subscriptions {object, callback_url, verify_token, fields}. Meta checks the URL
 *     with a GET (hub.challenge, the credential's Verify Token or else the node's) before saving it, which this node answers.
 *     A subscription to another URL is replaced only when it is one this node made (a moved n8n URL);
 *     anyone else's is refused, as it would silently take their deliveries.
 *   - delete: DELETE /{app-id}/subscriptions?object=whatsapp_business_account, only when the subscription
 *     is ours: made by this node (recorded in its static data) and still pointing at its URL.
 * The app token travels in the request's Authorization header, which the credential's authenticate keeps
 * (see credentials/WhatsAppPaymentsApi.credentials.ts). Errors name the call and Meta's reason, never a
 * token. "Listen for test event" leaves the subscription alone: it would move the production deliveries
 * to the test URL.
 */
import { NodeOperationError, type IDataObject, type IHookFunctions, type IHttpRequestMethods, type IHttpRequestOptions } from 'n8n-workflow';

import { parseApiError } from '../../core/apiErrors';
import { credentialSecrets } from '../shared/credentialSecrets';
import { apiBaseUrl, appAccessTokenOf, credentialProvider } from '../../core/providers';
import { requestWithCredential } from '../shared/credentialRequest';
import { subscriptionVerifyToken, type TriggerCredentials } from './credentials';

export const WHATSAPP_OBJECT = 'whatsapp_business_account';
/** Payment statuses, One-Click replies and errors arrive in "messages"; configuration changes in their own field. */
export const SUBSCRIBED_FIELDS = ['messages', 'payment_configuration_update'];
const REQUEST_TIMEOUT_MS = 30_000;
/** Where this node records the subscription it made, in its static data. */
const OWNED_KEY = 'metaAppSubscription';

/** Meta's codes for a token that cannot manage the subscription, and what to do about each. */
const TOKEN_HINTS: Record<number, string> = {
	15: 'The App Access Token must be the app\'s own token ("app-id|app-secret"), not a user or system-user token.',
	190: 'The App Access Token is invalid or expired.',
};

export interface MetaApp {
	id: string;
	accessToken: string;
}

interface Subscription {
	callbackUrl: string | null;
	active: boolean;
	fields: string[];
}

interface OwnedSubscription {
	appId: string;
	callbackUrl: string;
}

/** The app whose subscription the trigger manages: only when both App ID and App Access Token are set. */
export function metaAppOf(credentials: TriggerCredentials): MetaApp | undefined {
	if (credentialProvider(credentials) !== 'cloudApi') return undefined;
	const id = credentials.appId?.trim() ?? '';
	const accessToken = appAccessTokenOf(credentials);
	return id !== '' && accessToken !== '' ? { id, accessToken } : undefined;
}

/** n8n runs webhookMethods with the test URL while the editor listens for a test event. */
export const isTestListening = (context: IHookFunctions): boolean => context.getActivationMode() === 'manual';

async function subscriptionsRequest(
	context: IHookFunctions,
	credentials: TriggerCredentials,
	app: MetaApp,
	method: IHttpRequestMethods,
	data: { body?: IDataObject; qs?: IDataObject } = {},
): Promise<unknown> {
	const request: IHttpRequestOptions = {
		method,
		url: `${apiBaseUrl(credentials)}/${encodeURIComponent(app.id)}/subscriptions`,
		headers: { Authorization: `Bearer ${app.accessToken}` },
		...data,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	const what = `Meta app webhook subscription (${method} /{app-id}/subscriptions)`;
	let response: { statusCode: number; body: unknown };
	try {
		response = await requestWithCredential(context, request);
	} catch (error) {
		// Only the code or message: the error also holds the request, token included.
		const reason = (error as { code?: unknown }).code ?? (error as Error).message;
		throw new NodeOperationError(context.getNode(), `${what}: the request failed (${String(reason)})`);
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const apiError = parseApiError(response.body, response.statusCode, { secrets: credentialSecrets(credentials) });
		const hint = apiError.code === null ? undefined : TOKEN_HINTS[apiError.code];
		throw new NodeOperationError(context.getNode(), `${what}: ${apiError.message}`, { description: hint ?? apiError.details ?? undefined });
	}
	return response.body;
}

function fieldNames(fields: unknown): string[] {
	if (!Array.isArray(fields)) return [];
	return fields
		.map((field) => (typeof field === 'string' ? field : typeof field === 'object' && field !== null ? (field as { name?: unknown }).name : undefined))
		.filter((name): name is string => typeof name === 'string');
}

/** The app's subscription of the WhatsApp object, if it has one. */
async function whatsAppSubscription(context: IHookFunctions, credentials: TriggerCredentials, app: MetaApp): Promise<Subscription | undefined> {
	const body = await subscriptionsRequest(context, credentials, app, 'GET');
	const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
	const entry = Array.isArray(data) ? data.find((item) => typeof item === 'object' && item !== null && (item as IDataObject).object === WHATSAPP_OBJECT) : undefined;
	if (!entry) return undefined;
	const { callback_url: callbackUrl, active, fields } = entry as IDataObject;
	return { callbackUrl: typeof callbackUrl === 'string' ? callbackUrl : null, active: active !== false, fields: fieldNames(fields) };
}

/** Where a URL points, without its path and query (which may carry something private). */
function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return 'another URL';
	}
}

function ownedSubscription(context: IHookFunctions): OwnedSubscription | undefined {
	const owned = context.getWorkflowStaticData('node')[OWNED_KEY];
	return typeof owned === 'object' && owned !== null ? (owned as OwnedSubscription) : undefined;
}

const isOurs = (owned: OwnedSubscription | undefined, app: MetaApp, callbackUrl: string | null): boolean =>
	owned !== undefined && owned.appId === app.id && owned.callbackUrl === callbackUrl;

/** Subscribed = our URL, active, with at least our fields. */
export async function appSubscriptionExists(context: IHookFunctions, credentials: TriggerCredentials, app: MetaApp, url: string): Promise<boolean> {
	const subscription = await whatsAppSubscription(context, credentials, app);
	return subscription !== undefined && subscription.callbackUrl === url && subscription.active && SUBSCRIBED_FIELDS.every((field) => subscription.fields.includes(field));
}

export async function subscribeApp(context: IHookFunctions, credentials: TriggerCredentials, app: MetaApp, url: string): Promise<void> {
	const current = await whatsAppSubscription(context, credentials, app);
	const owned = ownedSubscription(context);
	if (current?.callbackUrl && current.callbackUrl !== url && !isOurs(owned, app, current.callbackUrl)) {
		throw new NodeOperationError(context.getNode(), `The Meta app's WhatsApp webhook already goes to ${originOf(current.callbackUrl)}, which this node did not set.`, {
			description: 'Remove it in the app dashboard (WhatsApp > Configuration), or clear the App ID and App Access Token in the credential and set the webhook by hand.',
		});
	}
	// Fields someone subscribed next to ours stay subscribed.
	const fields = [...new Set([...SUBSCRIBED_FIELDS, ...(current?.callbackUrl === url ? current.fields : [])])];
	await subscriptionsRequest(context, credentials, app, 'POST', {
		body: { object: WHATSAPP_OBJECT, callback_url: url, verify_token: subscriptionVerifyToken(context, credentials), fields: fields.join(',') },
	});
	const record: OwnedSubscription = { appId: app.id, callbackUrl: url };
	context.getWorkflowStaticData('node')[OWNED_KEY] = record as unknown as IDataObject;
}

/** Removes the subscription only when it is ours; anything else is left as it is. */
export async function unsubscribeApp(context: IHookFunctions, credentials: TriggerCredentials, app: MetaApp, url: string): Promise<void> {
	const owned = ownedSubscription(context);
	if (!isOurs(owned, app, url)) return;
	const current = await whatsAppSubscription(context, credentials, app);
	if (current?.callbackUrl === url) await subscriptionsRequest(context, credentials, app, 'DELETE', { qs: { object: WHATSAPP_OBJECT } });
	delete context.getWorkflowStaticData('node')[OWNED_KEY];
}
