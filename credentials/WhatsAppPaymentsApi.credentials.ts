import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { appAccessTokenOf, DEFAULT_GRAPH_API_VERSION } from '../core/providers';

import { previousAppSecretFields } from './appSecretRotation';

/**
 * Whether the request already carries this credential's App Access Token. Only the trigger's calls to the
 * Meta app's webhook subscription (/{app-id}/subscriptions) do: Meta accepts the app's own token there,
 * never the system-user token. They still go through httpRequestWithAuthentication (n8n's lint forbids
 * httpRequest with hand-made authentication), so authenticate keeps that header instead of overwriting
 * it. Any other Authorization header is replaced by the system-user token as usual.
 */
function bringsAppToken(headers: IDataObject, credentials: ICredentialDataDecryptedObject): boolean {
	const appToken = appAccessTokenOf(credentials);
	if (appToken === '') return false;
	return Object.entries(headers).some(([name, value]) => name.toLowerCase() === 'authorization' && value === `Bearer ${appToken}`);
}

/**
 * A developer setting of the given providers, shown while "Advanced Settings" is on. The switch only
 * changes what is shown: n8n drops the value of a field it does not display, so a hidden copy of the field
 * is "displayed" while the switch is off and keeps its value. Credentials saved before the switch existed
 * (switch unset, so off) keep working with the values they hold.
 */
function advancedSetting(providers: string[], field: INodeProperties): INodeProperties[] {
	// The shown copy last: n8n's public API builds its JSON Schema from the last field of a name.
	return [
		{ ...field, type: 'hidden', displayOptions: { show: { provider: providers, advanced: [false] } } },
		{ ...field, displayOptions: { show: { provider: providers, advanced: [true] } } },
	];
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
				{ name: 'Meta Cloud API', value: 'cloudApi', description: 'Your own Meta app and WhatsApp Business Account' },
				{ name: '360dialog', value: 'dialog360', description: 'A number hosted by 360dialog, with its API key' },
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
			description:
				'A permanent token of a system user: Meta Business Settings > System Users > Generate New Token, with the whatsapp_business_messaging and whatsapp_business_management permissions',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { provider: ['dialog360'] } },
			description: 'The API key of your number in the 360dialog hub (sent as D360-API-KEY)',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { provider: ['cloudApi'] } },
			description:
				'For the trigger: your Meta app > App settings > Basic > App Secret. Every payment update is checked against it; updates without a valid signature are refused.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			displayOptions: { show: { provider: ['cloudApi'] } },
			placeholder: 'e.g. 1234567890123456',
			description:
				'Optional, for the trigger: your Meta app > App settings > Basic > App ID. With it, activating the workflow connects the app\'s webhook to the trigger by itself; without it you paste the trigger\'s URL into the app dashboard once.',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSharedSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { provider: ['dialog360'] } },
			placeholder: 'e.g. a long random text',
			description:
				'For the trigger: any long random text. The trigger registers it with 360dialog on activation, and 360dialog sends it back with every update (X-Webhook-Secret); updates without it are refused.',
		},
		{
			displayName: 'Advanced Settings',
			name: 'advanced',
			type: 'boolean',
			default: false,
			description: 'Whether to show the developer settings: API version, a base URL for the local sandbox, fixed IDs and tokens',
		},
		...advancedSetting(['cloudApi'], {
			displayName: 'Default Phone Number ID',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			description:
				'Used only when a node leaves "Sending Phone Number" empty (workflows made before that dropdown existed). From WhatsApp Manager > Phone numbers.',
		}),
		...advancedSetting(['cloudApi'], {
			displayName: 'WhatsApp Business Account ID',
			name: 'businessAccountId',
			type: 'string',
			default: '',
			description: 'Leave empty to use the account the access token belongs to; set it when the token reaches several accounts',
		}),
		...advancedSetting(['cloudApi'], {
			displayName: 'Graph API Version',
			name: 'apiVersion',
			type: 'string',
			default: DEFAULT_GRAPH_API_VERSION,
			placeholder: `e.g. ${DEFAULT_GRAPH_API_VERSION}`,
		}),
		...advancedSetting(['cloudApi', 'dialog360'], {
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8790',
			description: 'Leave empty for the real API. Set it to the local sandbox URL to try everything offline.',
		}),
		...previousAppSecretFields('deliveries').flatMap((field) => advancedSetting(['cloudApi', 'dialog360'], field)),
		...advancedSetting(['cloudApi'], {
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Leave empty: each trigger then uses its own token, shown in its panel. Set one only if you already typed a token of your own into the app dashboard.',
		}),
		...advancedSetting(['cloudApi'], {
			displayName: 'App Access Token',
			name: 'appAccessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Leave empty: it is built from the App ID and App Secret. Only for the app\'s webhook subscription; the system-user token cannot manage it.',
		}),
		...advancedSetting(['dialog360'], {
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only if 360dialog signs your updates with an app secret (X-Hub-Signature-256); the Webhook Secret is enough otherwise',
		}),
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
				'={{ $credentials.provider === "dialog360" ? ($credentials.baseUrl || "https://waba-v2.360dialog.io").replace(/\\/+$/, "") : ($credentials.baseUrl || "https://graph.facebook.com").replace(/\\/+$/, "") + "/" + ($credentials.apiVersion || "'+DEFAULT_GRAPH_API_VERSION+'") }}',
			// The Cloud API: the token's own user (no phone number to name any more), or the default number of older credentials.
			url: '={{ $credentials.provider === "dialog360" ? "/v1/configs/webhook" : "/" + ($credentials.phoneNumberId || "me") }}',
			// As every request with the credential (nodes/shared/credentialRequest.ts): a redirect is a failed test, never followed.
			disableFollowRedirect: true,
		},
	};
}
