import type { INodeProperties } from 'n8n-workflow';

/**
 * The two fields that keep a reset app secret's predecessor valid for a while (core/signatures.ts `appSecretsOf`
 * reads them), worded for what the secret signs: the payment webhook's deliveries or the checkout endpoint's requests.
 */
export function previousAppSecretFields(signed: 'deliveries' | 'requests'): [INodeProperties, INodeProperties] {
	return [
		{
			displayName: 'Previous App Secret (Rotation)',
			name: 'previousAppSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: `Optional, while you reset the app secret: ${signed} signed with this old secret are still accepted until "Previous App Secret Valid Until", then refused`,
		},
		{
			displayName: 'Previous App Secret Valid Until',
			name: 'previousAppSecretValidUntil',
			type: 'dateTime',
			default: '',
			description: `When the previous app secret stops verifying ${signed} (required with a previous app secret; without it the old secret is not accepted)`,
		},
	];
}
