import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { previousAppSecretFields } from './appSecretRotation';

/**
 * The business key pair of a checkout endpoint (docs/checkout.md): the private key WhatsApp's requests are
 * encrypted for, its passphrase, and the Meta app secret the requests are signed with (with the previous one while
 * the secret is reset: implement-endpoints-for-flows.md § Resetting the app secret). Kept apart from
 * "WhatsApp Payments API": only the checkout endpoint trigger and "Respond to Checkout" read it, and nothing
 * here is ever sent anywhere. Tested by loading the key (the nodes' checkoutKeyTest).
 */
export class WhatsAppCheckoutEndpointApi implements ICredentialType {
	name = 'whatsAppCheckoutEndpointApi';

	displayName = 'WhatsApp Checkout Endpoint API';

	icon: Icon = { light: 'file:whatsAppPayments.svg', dark: 'file:whatsAppPayments.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-whatsapp-payments/n8n-nodes-whatsapp-payments/blob/main/docs/checkout.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 6 },
			default: '',
			required: true,
			placeholder: '-----BEGIN RSA PRIVATE KEY-----',
			description: 'The 2048-bit RSA private key whose public key you uploaded for the phone number (PEM, e.g. private.pem from openssl genrsa -des3)',
		},
		{
			displayName: 'Passphrase',
			name: 'passphrase',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The passphrase of the private key; leave empty for an unencrypted key',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your Meta app > App settings > Basic > App Secret. WhatsApp signs every request to the endpoint with it (X-Hub-Signature-256); requests without a valid signature are refused.',
		},
		...previousAppSecretFields('requests'),
	];
}
