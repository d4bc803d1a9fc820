import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { toMinor, MONEY_OFFSET } from '../../../../core/money';
import { buildRefundRequest, refundSucceeded } from '../../../../core/payments';
import { refundPath } from '../../../../core/providers';
import { amountsInOption, referenceIdProperty } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import { readParameter } from '../../shared/parameters';
import { paymentConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { requireText } from '../../shared/values';
import type { WhatsAppApi } from '../../transport';

const properties: INodeProperties[] = [
	{ ...referenceIdProperty, description: 'The reference ID of the paid order' },
	paymentConfigurationLocator({ description: 'The payment configuration the order was paid through' }),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		required: true,
		default: 0,
		description: 'How much to refund (at most what is left of the payment)',
	},
	{
		displayName: 'Speed',
		name: 'speed',
		type: 'options',
		options: [
			{ name: 'Gateway Default', value: 'gatewayDefault', description: 'Send no speed: the gateway decides' },
			{ name: 'Instant', value: 'instant', description: 'Instant refund, when the gateway supports it' },
			{ name: 'Normal', value: 'normal', description: 'Standard bank timelines' },
		],
		default: 'normal',
		description: 'The gateway has the last word: the answer\'s speed_processed says which speed it used',
	},
	optionsCollection([amountsInOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['refund'] } }, properties);

/** The refund request body of item `itemIndex` (India, INR), checked before any request. */
export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = readParameter<IDataObject>(this, 'options', itemIndex, {});
	const referenceId = requireText(this, itemIndex, 'referenceId');
	const amount = readParameter<number>(this, 'amount', itemIndex);
	let amountMinor: number;
	try {
		amountMinor = toMinor(amount, options.amountsIn === 'minor' ? 1 : MONEY_OFFSET);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `amount: ${(error as Error).message}`, { itemIndex });
	}
	if (amountMinor <= 0) throw new NodeOperationError(this.getNode(), 'amount: must be greater than 0', { itemIndex });
	const speed = readParameter<string>(this, 'speed', itemIndex, 'normal');
	return buildRefundRequest({
		referenceId,
		configurationName: readPaymentConfiguration(this, itemIndex),
		amountMinor,
		...(speed === 'instant' || speed === 'normal' ? { speed } : {}),
	}) as IDataObject;
}

/**
 * A refund is never resent after a failure that may have been processed (see the retry policy). The answer's
 * status is pending, failed or completed; `refunded` says whether the money is back already.
 */
export async function execute(this: IExecuteFunctions, refund: IDataObject, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const { body } = await api.request({ method: 'POST', path: refundPath(api.settings), body: refund, retry: 'write' }, itemIndex);
	return { ...body, refunded: refundSucceeded(typeof body.status === 'string' ? body.status : null), reference_id: refund.reference_id, refund };
}
