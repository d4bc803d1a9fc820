/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The Payments Trigger reads the credential's provider as the action node does (core/providers.ts credentialProvider):
 * 360dialog when it says so, the Cloud API otherwise. The Meta app subscription read any value but "cloudApi" as not
 * the Cloud API, while the lookups and the registration read it as the Cloud API. n8n drops every field a credential
 * form does not show, and with a provider value the form does not offer it shows none, so no workflow meets the
 * difference: this pins the one rule on the function itself.
 */
import type { TriggerCredentials } from '../../nodes/WhatsAppPaymentsTrigger/credentials';
import { metaAppOf } from '../../nodes/WhatsAppPaymentsTrigger/appSubscription';

const app = { appId: '424242424243', appAccessToken: 'test-app-token-5e2b' };

it('a provider value the form does not offer is the Cloud API for the Meta app subscription too', () => {
	const unknown = { provider: 'metaCloudApi', ...app } as unknown as TriggerCredentials;
	expect(metaAppOf(unknown)).toEqual({ id: app.appId, accessToken: app.appAccessToken });
	expect(metaAppOf({ provider: 'cloudApi', ...app })).toEqual({ id: app.appId, accessToken: app.appAccessToken });
	expect(metaAppOf({ provider: 'dialog360', ...app })).toBeUndefined();
});
