import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizePayment } from '../../../../core/payments';
import { referenceIdProperty } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import { paymentConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { lookUpPayment } from '../../shared/paymentLookup';
import { requirePathSegment } from '../../shared/values';
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
	const referenceId = requirePathSegment(this, itemIndex, 'referenceId');
	return { configurationName: readPaymentConfiguration(this, itemIndex), referenceId };
}

/** The payment as WhatsApp reports it: normalized (status, amounts, successful transaction, refunds) plus `raw`. */
export async function execute(this: IExecuteFunctions, request: LookUpRequest, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const raw = await lookUpPayment(api, request.configurationName, request.referenceId, itemIndex);
	const payment = normalizePayment(raw);
	if (!payment) {
		throw new NodeOperationError(this.getNode(), `No payment found for reference ID ${request.referenceId}`, { itemIndex });
	}
	return { ...(payment as unknown as IDataObject), raw };
}
