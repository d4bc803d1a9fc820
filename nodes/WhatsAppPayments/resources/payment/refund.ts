import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeAmount, toMinor, MONEY_OFFSET } from '../../../../core/money';
import { buildRefundRequest, fullRefundMinor, noPaymentReason, refundSucceeded, type RefundSpeed } from '../../../../core/payments';
import { refundPath } from '../../../../core/providers';
import { amountsInOption, indiaAmountsInProperty, readAmountsIn, referenceIdProperty } from '../../shared/fields';
import { camelCaseKeys, outputItem } from '../../shared/output';
import { optionsCollection } from '../../shared/pacing';
import { readParameter } from '../../shared/parameters';
import { paymentConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { findPayment, notFoundDescription, requireReferenceId } from '../../shared/paymentLookup';
import { fromVersion2, inVersion1, isVersion1 } from '../../shared/versions';
import type { WhatsAppApi } from '../../transport';
import { forOperation } from '../../shared/operation';

const amountProperty: INodeProperties = {
	displayName: 'Amount',
	name: 'amount',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	required: true,
	default: 0,
	description: 'How much to refund (at most what is left of the payment)',
};
const partialOnly = { show: { refundType: ['partial'] } };

const properties: INodeProperties[] = [
	paymentConfigurationLocator({ description: 'The payment configuration the order was paid through' }),
	{ ...referenceIdProperty, description: 'The reference ID of the paid order' },
	fromVersion2({
		displayName: 'Refund',
		name: 'refundType',
		type: 'options',
		options: [
			{ name: 'Full', value: 'full', description: 'Everything not refunded yet: the node looks the payment up for the amount' },
			{ name: 'Partial', value: 'partial', description: 'An amount you give' },
		],
		default: 'full',
	}),
	inVersion1(amountProperty),
	fromVersion2({ ...amountProperty, displayOptions: partialOnly, hint: 'In rupees (₹): e.g. 250 or 250.50 for ₹250.50 (25050 when Amounts In is Minor Units)' }),
	{ ...indiaAmountsInProperty, displayOptions: { show: { ...indiaAmountsInProperty.displayOptions?.show, ...partialOnly.show } } },
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
		description: 'The gateway has the last word: the output\'s speedProcessed (speed_processed in version 1) says which speed it used',
	},
	...optionsCollection([], 'none', [amountsInOption]),
];

export const description = forOperation({ show: { resource: ['payment'], operation: ['refund'] } }, properties);

/** A refund of item `itemIndex`, checked before any request; `amountMinor` null for a full refund (looked up first). */
interface PreparedRefund {
	referenceId: string;
	configurationName: string;
	amountMinor: number | null;
	speed?: RefundSpeed;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedRefund {
	const referenceId = requireReferenceId(this, itemIndex);
	const configurationName = readPaymentConfiguration(this, itemIndex);
	const speed = readParameter<string>(this, 'speed', itemIndex, 'normal');
	const refund = { referenceId, configurationName, ...(speed === 'instant' || speed === 'normal' ? { speed: speed as RefundSpeed } : {}) };
	if (!isVersion1(this) && readParameter(this, 'refundType', itemIndex, 'full') === 'full') return { ...refund, amountMinor: null };
	const amount = readParameter<number>(this, 'amount', itemIndex);
	let amountMinor: number;
	try {
		amountMinor = toMinor(amount, readAmountsIn(this, itemIndex) === 'minor' ? 1 : MONEY_OFFSET);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `amount: ${(error as Error).message}`, { itemIndex });
	}
	if (amountMinor <= 0) throw new NodeOperationError(this.getNode(), 'amount: must be greater than 0', { itemIndex });
	return { ...refund, amountMinor };
}

/** A full refund's amount: what the payment lookup says is captured and not refunded yet. */
async function amountLeft(ctx: IExecuteFunctions, refund: PreparedRefund, api: WhatsAppApi, itemIndex: number): Promise<number> {
	const lookup = await findPayment(api, refund.configurationName, refund.referenceId, itemIndex);
	const { found } = lookup;
	const left = found.kind === 'payment' ? fullRefundMinor(found.payment) : { reason: noPaymentReason(found) };
	if ('reason' in left) {
		throw new NodeOperationError(ctx.getNode(), `refundType: order ${refund.referenceId} cannot be refunded in full: ${left.reason}`, { itemIndex, ...notFoundDescription(lookup) });
	}
	return left.amountMinor;
}

/**
 * A refund is never resent after a failure that may have been processed (see the retry policy). The answer's
 * status is pending, failed or completed; `refunded` says whether the money is back already.
 */
export async function execute(this: IExecuteFunctions, prepared: PreparedRefund, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const amountMinor = prepared.amountMinor ?? (await amountLeft(this, prepared, api, itemIndex));
	const refund = buildRefundRequest({ ...prepared, amountMinor }) as IDataObject;
	const { body } = await api.request({ method: 'POST', path: refundPath(api.settings), body: refund, retry: 'write' }, itemIndex);
	const refunded = refundSucceeded(typeof body.status === 'string' ? body.status : null);
	const camelCased = { referenceId: prepared.referenceId, ...camelCaseKeys(body), refunded, amount: normalizeAmount(refund.amount), request: refund };
	return outputItem(this, camelCased, body, () => ({ ...body, refunded, reference_id: refund.reference_id, refund }));
}
