/**
 * The credential form as n8n shows and reads it: which fields a merchant sees (n8n's own display rules),
 * and that credentials saved before "Advanced Settings" existed keep every value (n8n drops the values of
 * fields it does not display, so this is checked with n8n's own getNodeParameters, as its runtime does).
 */
import { NodeHelpers, type ICredentialDataDecryptedObject, type INodeParameters } from 'n8n-workflow';

import { WhatsAppPaymentsApi } from '../../credentials/WhatsAppPaymentsApi.credentials';

const properties = new WhatsAppPaymentsApi().properties;

/** The data n8n hands to the nodes (defaults applied, values of undisplayed fields dropped). */
const asRead = (data: ICredentialDataDecryptedObject) =>
	NodeHelpers.getNodeParameters(properties, data as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;

/** The labels of the fields the form renders for these values. */
function visibleLabels(data: ICredentialDataDecryptedObject): string[] {
	const values = asRead(data) as INodeParameters;
	return properties.filter((p) => p.type !== 'hidden' && NodeHelpers.displayParameter(values, p, null, null)).map((p) => p.displayName);
}

describe('the credential form', () => {
	it('Meta Cloud API: five fields until Advanced Settings is on (at most six)', () => {
		const labels = visibleLabels({ provider: 'cloudApi' });
		expect(labels).toEqual(['Provider', 'Access Token', 'App Secret', 'App ID', 'Advanced Settings']);
		expect(labels.length).toBeLessThanOrEqual(6);
	});

	it('Meta Cloud API, Advanced Settings on: the developer fields', () => {
		expect(visibleLabels({ provider: 'cloudApi', advanced: true })).toEqual(
			expect.arrayContaining(['Default Phone Number ID', 'WhatsApp Business Account ID', 'Graph API Version', 'Base URL Override', 'Verify Token', 'App Access Token']),
		);
	});

	it('360dialog: only what it uses (the API key, the webhook secret), the base URL and an app secret under Advanced', () => {
		expect(visibleLabels({ provider: 'dialog360' })).toEqual(['Provider', 'API Key', 'Webhook Secret', 'Advanced Settings']);
		expect(visibleLabels({ provider: 'dialog360', advanced: true })).toEqual([
			'Provider',
			'API Key',
			'Webhook Secret',
			'Advanced Settings',
			'Base URL Override',
			'Previous App Secret (Rotation)',
			'Previous App Secret Valid Until',
			'App Secret',
		]);
	});

	it('a credential saved before Advanced Settings existed keeps every value it holds', () => {
		const old = {
			provider: 'cloudApi',
			accessToken: 'token',
			phoneNumberId: '100000000000001',
			businessAccountId: '200000000000001',
			apiVersion: 'v21.0',
			baseUrl: 'http://127.0.0.1:8790',
			appSecret: 'secret',
			verifyToken: 'verify',
			appId: '300000000000001',
			appAccessToken: 'app-token',
		};
		expect(asRead(old)).toMatchObject(old);
		const old360 = { provider: 'dialog360', apiKey: 'key', baseUrl: 'http://127.0.0.1:8790', appSecret: 'secret', webhookSharedSecret: 'shared' };
		expect(asRead(old360)).toMatchObject(old360);
	});

	it('turning Advanced Settings off hides the developer fields but keeps their values', () => {
		expect(asRead({ provider: 'cloudApi', accessToken: 't', advanced: false, baseUrl: 'http://127.0.0.1:8790' })).toMatchObject({ baseUrl: 'http://127.0.0.1:8790' });
	});
});
