import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { businessEncryptionPath, publicKeyErrors } from '../../../../core/checkoutSetup';
import { publicKeyPem } from '../../../../core/endpointCrypto';
import { OrderValidationError } from '../../../../core/errors';
import { CHECKOUT_CREDENTIAL_TYPE, checkoutPrivateKey, type CheckoutCredentials } from '../../../shared/checkoutKey';
import { sendingPhoneNumberProperty } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import type { WhatsAppApi } from '../../transport';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Uploads the public half of the key pair in the "WhatsApp Checkout Endpoint API" credential for the sending phone number (again after re-registering the number). The private key never leaves n8n.',
		name: 'publicKeyNotice',
		type: 'notice',
		default: '',
	},
	sendingPhoneNumberProperty('checkout'),
	...optionsCollection(),
];

export const description = forOperation({ show: { resource: ['checkout'], operation: ['setBusinessPublicKey'] } }, properties);

/** The public key of the credential's private key, checked (2048-bit RSA) before any request. */
export async function prepare(this: IExecuteFunctions): Promise<string> {
	const pem = publicKeyPem(checkoutPrivateKey(await this.getCredentials<CheckoutCredentials>(CHECKOUT_CREDENTIAL_TYPE)));
	const errors = publicKeyErrors(pem, 'privateKey');
	if (errors.length) throw new OrderValidationError(errors, 'business key');
	return pem;
}

/**
 * POST /{phone-number-id}/whatsapp_business_encryption (flows-encryption.md § Set Business Public Key); Meta signs the
 * key. Sent form-urlencoded as that page shows; UNCONFIRMED: whatsapp-cloud-api-business-encryption-api.md § POST
 * documents multipart/form-data (the sandbox takes both, and JSON).
 */
export async function execute(this: IExecuteFunctions, pem: string, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const { body } = await api.request({ method: 'POST', path: businessEncryptionPath(api.settings), form: { business_public_key: pem }, retry: 'write' }, itemIndex);
	return { phoneNumberId: api.settings.phoneNumberId, businessPublicKey: pem, ...body };
}
