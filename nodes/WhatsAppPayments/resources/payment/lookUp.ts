import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { referenceIdProperty } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import { paymentConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { findPayment, requireReferenceId } from '../../shared/paymentLookup';
import type { WhatsAppApi } from '../../transport';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	paymentConfigurationLocator({ description: 'The payment configuration the order was sent with' }),
	{ ...referenceIdProperty, description: 'The Reference ID you gave the bill (Send Order Details)' },
	...optionsCollection(),
];

export const description = forOperation({ show: { resource: ['payment'], operation: ['lookUp'] } }, properties);

interface LookUpRequest {
	configurationName: string;
	referenceId: string;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): LookUpRequest {
	const referenceId = requireReferenceId(this, itemIndex);
	return { configurationName: readPaymentConfiguration(this, itemIndex), referenceId };
}

/** The payment as WhatsApp reports it: normalized (status, amounts, successful transaction, refunds) plus `raw`. */
export async function execute(this: IExecuteFunctions, request: LookUpRequest, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const { raw, found } = await findPayment(api, request.configurationName, request.referenceId, itemIndex);
	if (!found.payment) {
		const why = found.mismatch ? `: ${found.mismatch}` : '';
		throw new NodeOperationError(this.getNode(), `No payment found for reference ID ${request.referenceId}${why}`, { itemIndex });
	}
	return { ...(found.payment as unknown as IDataObject), raw };
}
