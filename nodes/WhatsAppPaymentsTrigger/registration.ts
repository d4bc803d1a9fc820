/**
 * Where deliveries come from, set up on activation and torn down on deactivation.
 *
 * 360dialog: the phone number's webhook URL is set through the API (POST /v1/configs/webhook
 * {url, headers}); we register the trigger's URL with the shared secret as the X-Webhook-Secret header
 * and read it back (GET) to check it. 360dialog documents no way to remove a number's webhook, only to
 * replace it, so deactivation leaves the URL registered: n8n answers 404 there (and 360dialog retries)
 * until the workflow is active again or another URL is set. 360dialog also refuses webhook URLs with
 * an explicit port or an underscore in the host name.
 *
 * Meta Cloud API: the callback URL belongs to the Meta app, and setting it needs the app's own
 * access token. With the credential's optional App ID and App Access Token the trigger subscribes the
 * app itself (appSubscription.ts). Without them it is a one-time step in the app dashboard (README):
 *   1. developers.facebook.com > your app > WhatsApp > Configuration > Webhook > Edit.
 *   2. Callback URL: this node's Production URL. Verify token: the credential's "Verify Token".
 *      Meta calls the URL with a GET (hub.challenge); the workflow must be active (or listening for a
 *      test event, with the Test URL) at that moment.
 *   3. Webhook fields: subscribe to "messages" (payment statuses, One-Click payment_method replies,
 *      errors) and "payment_configuration_update".
 * In both cases:
 *   4. App settings > Basic > App Secret: copy it into the credential's "App Secret"; every delivery
 *      is checked against it (X-Hub-Signature-256) and refused (401) otherwise.
 *   5. If the WhatsApp Business Account is not yet subscribed to the app:
 *      POST /{WABA_ID}/subscribed_apps with the system-user token.
 * Without an app token, activation therefore only checks that the credential can verify deliveries.
 */
import { NodeOperationError, type IDataObject, type IHookFunctions, type IHttpRequestOptions } from 'n8n-workflow';

import { parseApiError } from '../../core/apiErrors';
import { safeEqual } from '../../core/signatures';
import { apiBaseUrl, credentialProvider } from '../../core/providers';
import { credentialSecrets } from '../shared/credentialSecrets';
import { causeCode } from '../shared/causeCode';
import { appSubscriptionExists, isTestListening, metaAppOf, subscribeApp, unsubscribeApp } from './appSubscription';
import { requestWithCredential } from '../shared/credentialRequest';
import { CREDENTIAL_TYPE, type TriggerCredentials } from './credentials';
import { deliveryProof } from './delivery';

export const DIALOG360_WEBHOOK_CONFIG_PATH = '/v1/configs/webhook';
const SHARED_SECRET_HEADER_NAME = 'X-Webhook-Secret';
const REQUEST_TIMEOUT_MS = 30_000;

interface WebhookConfig {
	url?: unknown;
	headers?: unknown;
}

export async function triggerCredentials(context: IHookFunctions): Promise<TriggerCredentials> {
	const credentials = await context.getCredentials<TriggerCredentials>(CREDENTIAL_TYPE);
	if (deliveryProof(credentials) === 'none') {
		const what = credentialProvider(credentials) === 'dialog360' ? 'an App Secret or a Webhook Secret' : 'an App Secret';
		throw new NodeOperationError(context.getNode(), `The credential needs ${what}: without it every delivery would be refused (401).`);
	}
	return credentials;
}

function webhookUrlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave no webhook URL for this trigger');
	return url;
}

/**
 * A call to 360dialog's webhook config. Its errors are built from the status and 360dialog's message only: n8n's own
 * error would carry the request, whose D360-API-KEY header and body (the Webhook Secret) any logger or error
 * reporter that serializes the error would then write out (as appSubscription.ts does for Meta).
 */
async function dialog360Request(context: IHookFunctions, credentials: TriggerCredentials, method: 'GET' | 'POST', body?: IDataObject): Promise<unknown> {
	const request: IHttpRequestOptions = {
		method,
		url: apiBaseUrl(credentials) + DIALOG360_WEBHOOK_CONFIG_PATH,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (body) request.body = body;
	const what = `360dialog webhook registration (${method} ${DIALOG360_WEBHOOK_CONFIG_PATH})`;
	let response: { statusCode: number; body: unknown };
	try {
		response = await requestWithCredential(context, request);
	} catch (error) {
		// The system code (ECONNRESET, ...) where n8n's wrappers keep one, else n8n's message. In the description: n8n
		// would replace a message naming a system code by its own generic text, losing which call failed.
		const reason = causeCode(error, (code) => /^E[A-Z_]+$/.test(code)) ?? (error as Error).message;
		throw new NodeOperationError(context.getNode(), `${what}: the request failed`, { description: reason });
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const apiError = parseApiError(response.body, response.statusCode, { secrets: credentialSecrets(credentials) });
		throw new NodeOperationError(context.getNode(), `${what}: ${apiError.message}`, { description: apiError.details ?? undefined });
	}
	return response.body;
}

async function registeredConfig(context: IHookFunctions, credentials: TriggerCredentials): Promise<WebhookConfig> {
	const config = await dialog360Request(context, credentials, 'GET');
	return typeof config === 'object' && config !== null ? (config as WebhookConfig) : {};
}

/** The secret header value in a registered config, whatever the case of its name. */
function registeredSecret(config: WebhookConfig): string | undefined {
	if (typeof config.headers !== 'object' || config.headers === null) return undefined;
	const entry = Object.entries(config.headers).find(([name]) => name.toLowerCase() === SHARED_SECRET_HEADER_NAME.toLowerCase());
	return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

/** 360dialog: our URL, and (when we use one) our current shared secret; anything else is registered again. */
async function dialog360IsRegistered(context: IHookFunctions, credentials: TriggerCredentials): Promise<boolean> {
	const config = await registeredConfig(context, credentials);
	if (config.url !== webhookUrlOf(context)) return false;
	if (!credentials.webhookSharedSecret) return true;
	return safeEqual(registeredSecret(config) ?? '', credentials.webhookSharedSecret);
}

/** The Meta app this trigger subscribes, unless there is none to manage (no app token, or a test listen). */
function managedApp(context: IHookFunctions, credentials: TriggerCredentials) {
	const app = metaAppOf(credentials);
	return app && !isTestListening(context) ? app : undefined;
}

export async function webhookIsRegistered(this: IHookFunctions): Promise<boolean> {
	const credentials = await triggerCredentials(this);
	if (credentialProvider(credentials) === 'dialog360') return await dialog360IsRegistered(this, credentials);
	const app = managedApp(this, credentials);
	return app ? await appSubscriptionExists(this, credentials, app, webhookUrlOf(this)) : true;
}

export async function registerWebhook(this: IHookFunctions): Promise<boolean> {
	const credentials = await triggerCredentials(this);
	if (credentialProvider(credentials) === 'dialog360') {
		const body: IDataObject = { url: webhookUrlOf(this) };
		if (credentials.webhookSharedSecret) body.headers = { [SHARED_SECRET_HEADER_NAME]: credentials.webhookSharedSecret };
		await dialog360Request(this, credentials, 'POST', body);
		return true;
	}
	const app = managedApp(this, credentials);
	if (app) await subscribeApp(this, credentials, app, webhookUrlOf(this));
	return true;
}

/** 360dialog: nothing to remove remotely (see the top of this file); says so where the operator can see it. */
export async function unregisterWebhook(this: IHookFunctions): Promise<boolean> {
	const credentials = await this.getCredentials<TriggerCredentials>(CREDENTIAL_TYPE);
	if (credentialProvider(credentials) === 'dialog360') {
		this.logger.info(
			isTestListening(this)
				? 'WhatsApp Payments Trigger test listen ended: 360dialog keeps delivering to the test URL (it has no API to remove it) until the workflow is activated again'
				: 'WhatsApp Payments Trigger deactivated: the 360dialog webhook URL stays registered (360dialog has no API to remove it); set another URL to stop deliveries',
		);
		return true;
	}
	const app = metaAppOf(credentials);
	if (app) await unsubscribeApp(this, credentials, app, webhookUrlOf(this));
	return true;
}
