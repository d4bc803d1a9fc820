import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { DEFAULT_GRAPH_API_VERSION } from '../core/providers';

/**
 * Whether the request already carries this credential's App Access Token. Only the trigger's calls to the
 * Meta app's webhook subscription (/{app-id}/subscriptions) do: Meta accepts the app's own token there,
 * never the system-user token. They still go through httpRequestWithAuthentication (n8n's lint forbids
 * httpRequest with hand-made authentication), so authenticate keeps that header instead of overwriting
 * it. Any other Authorization header is replaced by the system-user token as usual.
 */
function bringsAppToken(headers: IDataObject, credentials: ICredentialDataDecryptedObject): boolean {
	const appToken = credentials.appAccessToken;
	if (typeof appToken !== 'string' || appToken === '') return false;
	return Object.entries(headers).some(([name, value]) => name.toLowerCase() === 'authorization' && value === `Bearer ${appToken}`);
}

export class WhatsAppPaymentsApi implements ICredentialType {
	name = 'whatsAppPaymentsApi';

	displayName = 'WhatsApp Payments API';

	icon: Icon = { light: 'file:whatsAppPayments.svg', dark: 'file:whatsAppPayments.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-whatsapp-payments/n8n-nodes-whatsapp-payments#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'options',
			options: [
				{ name: 'Meta Cloud API', value: 'cloudApi', description: 'graph.facebook.com with a system-user access token' },
				{ name: '360dialog', value: 'dialog360', description: 'The BSP 360dialog (waba-v2.360dialog.io) with a D360 API key' },
			],
			default: 'cloudApi',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { provider: ['cloudApi'] } },
			description: 'A permanent system-user token with whatsapp_business_messaging and whatsapp_business_management',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { provider: ['dialog360'] } },
			description: 'The D360-API-KEY of the phone number (360dialog hub)',
		},
		{
			displayName: 'Phone Number ID',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { provider: ['cloudApi'] } },
			description: 'The business phone number ID from WhatsApp Manager / the app dashboard',
		},
		{
			displayName: 'WhatsApp Business Account ID',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			displayOptions: { show: { provider: ['cloudApi'] } },
			description: 'Needed for the payment configuration operations',
		},
		{
			displayName: 'Graph API Version',
			name: 'apiVersion',
			type: 'string',
			default: DEFAULT_GRAPH_API_VERSION,
			displayOptions: { show: { provider: ['cloudApi'] } },
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8790',
			description: 'Leave empty for the real API. Set it to the local sandbox URL to try everything offline.',
		},
		{
			displayName: 'App Secret (Webhooks)',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Meta app secret: the trigger verifies X-Hub-Signature-256 with it. Required by the trigger unless a shared secret is used (360dialog).',
		},
		{
			displayName: 'Previous App Secret (Rotation)',
			name: 'previousAppSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional, while you reset the app secret: deliveries signed with this old secret are still accepted until "Previous App Secret Valid Until", then refused',
		},
		{
			displayName: 'Previous App Secret Valid Until',
			name: 'previousAppSecretValidUntil',
			type: 'dateTime',
			default: '',
			description: 'When the previous app secret stops verifying deliveries (required with a previous app secret; without it the old secret is not accepted)',
		},
		{
			displayName: 'Verify Token (Webhooks)',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The token you enter in the app dashboard; the trigger answers the GET handshake only when it matches',
		},
		{
			displayName: 'App ID (Webhook Subscription)',
			name: 'appId',
			type: 'string',
			default: '',
			displayOptions: { show: { provider: ['cloudApi'] } },
			description:
				'Optional, with the App Access Token: the trigger then subscribes this Meta app\'s WhatsApp webhook to its URL on activation and removes it on deactivation. Leave both empty to set the webhook in the app dashboard.',
		},
		{
			displayName: 'App Access Token (Webhook Subscription)',
			name: 'appAccessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { provider: ['cloudApi'] } },
			description: 'The Meta app\'s own access token ("app-id|app-secret"), used only for the app\'s webhook subscription; the system-user token cannot manage it',
		},
		{
			displayName: 'Webhook Shared Secret (360dialog)',
			name: 'webhookSharedSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { provider: ['dialog360'] } },
			description: 'Sent by 360dialog in the X-Webhook-Secret header of each delivery (registered with the webhook URL). Used when no app secret is set.',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) };
		if (credentials.provider === 'dialog360') headers['D360-API-KEY'] = credentials.apiKey as string;
		else if (!bringsAppToken(headers, credentials)) headers.Authorization = `Bearer ${credentials.accessToken as string}`;
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.provider === "dialog360" ? ($credentials.baseUrl || "https://waba-v2.360dialog.io").replace(/\\/+$/, "") : ($credentials.baseUrl || "https://graph.facebook.com").replace(/\\/+$/, "") + "/" + $credentials.apiVersion }}',
			url: '={{ $credentials.provider === "dialog360" ? "/v1/configs/webhook" : "/" + $credentials.phoneNumberId }}',
		},
	};
}
