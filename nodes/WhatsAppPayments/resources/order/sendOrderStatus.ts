import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { buildOrderStatusMessage } from '../../../../core/orderStatus';
import { cancelVerdict, normalizePayment } from '../../../../core/payments';
import type { OrderStatusInput, PartiallyShippedSpelling } from '../../../../core/types';
import { additionalFieldsCollection, recipientProperty, referenceIdProperty } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import { readParameter } from '../../shared/parameters';
import { paymentConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { lookUpPayment } from '../../shared/paymentLookup';
import { sendMessage } from '../../shared/sendMessage';
import { text } from '../../shared/values';
import type { WhatsAppApi } from '../../transport';

const properties: INodeProperties[] = [
	recipientProperty,
	{ ...referenceIdProperty, description: 'The reference ID of the order_details message this status is about' },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Canceled', value: 'canceled', description: 'Final: the customer can no longer pay. Refused by WhatsApp (error 2047) when a payment is captured or pending.' },
			{ name: 'Completed', value: 'completed', description: 'Final: nothing more to do' },
			{ name: 'Partially Shipped', value: 'partially_shipped' },
			{ name: 'Processing', value: 'processing', description: 'Paid; you are fulfilling the order' },
			{ name: 'Shipped', value: 'shipped' },
		],
		default: 'processing',
	},
	{
		displayName: 'Check Payment Before Canceling',
		name: 'checkPaymentBeforeCanceling',
		type: 'boolean',
		default: false,
		displayOptions: { show: { status: ['canceled'] } },
		description:
			'Whether to look the payment up first and refuse to cancel when it is captured or a payment attempt is pending (payment gateway orders: WhatsApp knows nothing of UPI intent or payment link payments)',
	},
	paymentConfigurationLocator({
		displayOptions: { show: { status: ['canceled'], checkPaymentBeforeCanceling: [true] } },
		description: 'The payment configuration the order was sent with (for the lookup)',
	}),
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Message text (at most 1024 characters)',
	},
	additionalFieldsCollection([
		{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Shown on the order page, e.g. why it was canceled (at most 120 characters)' },
		{ displayName: 'Footer', name: 'footer', type: 'string', default: '', description: 'At most 60 characters' },
		{
			displayName: 'Payment Status (Brazil)',
			name: 'paymentStatus',
			type: 'options',
			options: [
				{ name: 'Captured', value: 'captured' },
				{ name: 'Failed', value: 'failed' },
				{ name: 'Pending', value: 'pending' },
			],
			default: 'captured',
			description: 'Brazil: the payment outcome you confirmed with your PSP (e.g. after a One-Click charge)',
		},
		{
			displayName: 'Payment Timestamp (Brazil)',
			name: 'paymentTimestamp',
			type: 'dateTime',
			default: '',
			description: 'When the payment happened (defaults to now when a payment status is set)',
		},
	]),
	optionsCollection([
		{
			displayName: 'Partially Shipped Spelling',
			name: 'partiallyShippedSpelling',
			type: 'options',
			options: [
				{ name: 'Underscore (Cloud API Reference)', value: 'partially_shipped', description: 'Sends partially_shipped' },
				{ name: 'Hyphen (Payments Guides)', value: 'partially-shipped', description: 'Sends partially-shipped' },
			],
			default: 'partially_shipped',
			description: 'The docs spell it both ways; choose what your provider accepts',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['sendOrderStatus'] } }, properties);

interface PreparedStatus {
	message: object;
	referenceId: string;
	/** Set when the payment must be looked up before canceling. */
	guardConfiguration: string | null;
}

function epochSecondsOf(value: string, itemIndex: number, ctx: IExecuteFunctions): number {
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw new NodeOperationError(ctx.getNode(), `additionalFields.paymentTimestamp: "${value}" is not a date`, { itemIndex });
	return Math.floor(ms / 1000);
}

/** Builds and validates the order_status message with the core before any request. */
export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedStatus {
	const fields = readParameter<IDataObject>(this, 'additionalFields', itemIndex, {});
	const options = readParameter<IDataObject>(this, 'options', itemIndex, {});
	const status = readParameter<OrderStatusInput['status']>(this, 'status', itemIndex);
	const paymentStatus = text(fields.paymentStatus) as 'pending' | 'captured' | 'failed' | undefined;
	const paymentTime = text(fields.paymentTimestamp);
	const input: OrderStatusInput = {
		to: String(readParameter(this, 'to', itemIndex)).trim(),
		referenceId: String(readParameter(this, 'referenceId', itemIndex)).trim(),
		status,
		body: String(readParameter(this, 'body', itemIndex)),
		...(text(fields.description) ? { description: text(fields.description) } : {}),
		...(text(fields.footer) ? { footer: text(fields.footer) } : {}),
		...(paymentStatus
			? { payment: { status: paymentStatus, timestamp: paymentTime ? epochSecondsOf(paymentTime, itemIndex, this) : Math.floor(Date.now() / 1000) } }
			: {}),
	};
	const spelling = (options.partiallyShippedSpelling as PartiallyShippedSpelling | undefined) ?? 'partially_shipped';
	const guarded = status === 'canceled' && readParameter(this, 'checkPaymentBeforeCanceling', itemIndex, false) === true;
	return {
		message: buildOrderStatusMessage(input, { partiallyShippedSpelling: spelling }),
		referenceId: input.referenceId,
		guardConfiguration: guarded ? readPaymentConfiguration(this, itemIndex) : null,
	};
}

export async function execute(this: IExecuteFunctions, prepared: PreparedStatus, api: WhatsAppApi, itemIndex: number) {
	let paymentCheck: IDataObject | undefined;
	if (prepared.guardConfiguration !== null) {
		// WhatsApp refuses to cancel a paid or pending order only later, by an error webhook (2047):
		// asking first gives the workflow a clear answer now.
		const raw = await lookUpPayment(api, prepared.guardConfiguration, prepared.referenceId, itemIndex);
		const payment = normalizePayment(raw);
		if (!payment) throw new NodeOperationError(this.getNode(), `Refusing to cancel order ${prepared.referenceId}: the payment lookup answered no payment`, { itemIndex });
		const verdict = cancelVerdict(payment);
		if (!verdict.allowed) {
			throw new NodeOperationError(this.getNode(), `Refusing to cancel order ${prepared.referenceId}: ${verdict.reason}`, {
				itemIndex,
				description: 'The buyer paid or is paying; WhatsApp would reject the cancellation (error 2047). Refund the payment or complete the order instead.',
			});
		}
		paymentCheck = { status: payment.status, stage: payment.stage, allowed: true };
	}
	const result = await sendMessage(api, prepared.message, prepared.referenceId, { retry: 'write' }, itemIndex);
	return paymentCheck ? { ...result, paymentCheck } : result;
}
