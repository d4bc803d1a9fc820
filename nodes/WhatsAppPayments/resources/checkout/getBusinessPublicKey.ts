import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { businessEncryptionPath, readBusinessPublicKey } from '../../../../core/checkoutSetup';
import { sendingPhoneNumberProperty } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import type { WhatsAppApi } from '../../transport';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [sendingPhoneNumberProperty('checkout'), ...optionsCollection()];

export const description = forOperation({ show: { resource: ['checkout'], operation: ['getBusinessPublicKey'] } }, properties);

export function prepare(): undefined {
	return undefined;
}

/** GET /{phone-number-id}/whatsapp_business_encryption: the stored key and its signature status (VALID, MISMATCH). */
export async function execute(this: IExecuteFunctions, _prepared: undefined, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const { body } = await api.request({ method: 'GET', path: businessEncryptionPath(api.settings), retry: 'read' }, itemIndex);
	const { publicKey, signatureStatus } = readBusinessPublicKey(body);
	return { phoneNumberId: api.settings.phoneNumberId, businessPublicKey: publicKey, signatureStatus, raw: body };
}
