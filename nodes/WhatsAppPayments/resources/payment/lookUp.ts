import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { noPaymentReason } from '../../../../core/payments';
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
	if (found.kind === 'payment') return { ...(found.payment as unknown as IDataObject), raw };
	// An answer nobody can read is no proof that there is no payment: it never says "not found".
	const message =
		found.kind === 'unreadable'
			? `Could not read the payment of reference ID ${request.referenceId}: ${noPaymentReason(found)}`
			: `No payment found for reference ID ${request.referenceId}${found.kind === 'otherReferences' ? `: ${noPaymentReason(found)}` : ''}`;
	throw new NodeOperationError(this.getNode(), message, { itemIndex });
}
