/** Fields of an order status shared by "Send Order Status" and its template form, their reading and sending. */
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { OrderValidationError } from '../../../../core/errors';
import { cancelVerdict, noPaymentReason } from '../../../../core/payments';
import type { OrderStatusInput, OrderStatusOptions, PartiallyShippedSpelling } from '../../../../core/types';
import { recipientProperty, referenceIdProperty, readRecipient } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import { holdsExpression, rawParameter, readParameter } from '../../shared/parameters';
import { paymentConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { findPayment, notFoundDescription } from '../../shared/paymentLookup';
import { sendMessage } from '../../shared/sendMessage';
import { checkDependentFields, readSwitch, readTextParameter, text, type DependentField } from '../../shared/values';
import type { WhatsAppApi } from '../../transport';
import { readTimeField, TIME_HINT } from './orderFields';

/** The Status option that sends Brazil's simplified order_status: a payment object only, no order. */
const PAYMENT_ONLY = 'paymentOnly';

/** The Status options; Brazil's payment-only and pending ones need a Payment Status (Additional Fields). */
const STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Canceled', value: 'canceled', description: 'Final: the customer can no longer pay. Refused by WhatsApp (error 2047) when a payment is captured or pending.' },
	{ name: 'Completed', value: 'completed', description: 'Final: nothing more to do' },
	{ name: 'Partially Shipped', value: 'partially_shipped' },
	{
		name: 'Payment Update Only (Brazil)',
		value: PAYMENT_ONLY,
		description: 'Brazil: send only the payment status (set it under Additional Fields), without an order status',
	},
	{ name: 'Pending (Brazil)', value: 'pending', description: 'Brazil: the order stays pending while you report a payment status (set it under Additional Fields)' },
	{ name: 'Processing', value: 'processing', description: 'Paid; you are fulfilling the order' },
	{ name: 'Shipped', value: 'shipped' },
];

/** The Status options that are about a payment (Brazil): nothing to send without a Payment Status. */
const STATUSES_WITH_PAYMENT = new Set([PAYMENT_ONLY, 'pending']);

/**
 * Which operation a form is for. The template form carries the order status alone (send-order-status-template-message.md,
 * the one page that has it; the core refuses a payment object in it), so it offers neither the payment statuses nor
 * the Status options that need one.
 */
export type StatusForm = 'interactive' | 'template';

const withPayment = (form: StatusForm) => form === 'interactive';

/** Recipient, reference, status and the guarded cancel: shown first in both operations. */
export const statusProperties = (form: StatusForm): INodeProperties[] => [
	recipientProperty,
	{ ...referenceIdProperty, description: 'The Reference ID you gave the bill (Send Order Details) this status is about' },
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: withPayment(form) ? STATUS_OPTIONS : STATUS_OPTIONS.filter((option) => !STATUSES_WITH_PAYMENT.has(String(option.value))),
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
];

/** Brazil's payment status and its time, for the interactive form's Additional Fields. */
const paymentFields: INodeProperties[] = [
	{
		displayName: 'Payment Status (Brazil)',
		name: 'paymentStatus',
		type: 'options',
		// No outcome until one is chosen: a field added and left alone must not tell the buyer "captured".
		options: [
			{ name: 'Captured', value: 'captured' },
			{ name: 'Choose the Outcome', value: '' },
			{ name: 'Failed', value: 'failed' },
			{ name: 'Pending', value: 'pending' },
		],
		default: '',
		description: 'Brazil only: the payment outcome you confirmed with your PSP (e.g. after a One-Click charge). An India order status carries no payment.',
	},
	{
		displayName: 'Payment Timestamp (Brazil)',
		name: 'paymentTimestamp',
		type: 'dateTime',
		default: '',
		description: 'When the payment happened, with Payment Status (Brazil); empty: now',
		hint: TIME_HINT,
	},
];

/** Optional fields of the status itself, for each operation's "Additional Fields" collection. */
export const statusAdditionalFields = (form: StatusForm): INodeProperties[] => [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		// It belongs to the order status, which a payment-only update does not carry.
		displayOptions: { hide: { '/status': [PAYMENT_ONLY] } },
		description: 'Shown on the order page, e.g. why it was canceled (at most 120 characters)',
	},
	...(withPayment(form) ? paymentFields : []),
];

/** The "Options" collection of both status operations. */
export const statusOptions = optionsCollection([
	{
		displayName: 'Partially Shipped Spelling',
		name: 'partiallyShippedSpelling',
		type: 'options',
		options: [
			{ name: 'Underscore (Cloud API Reference)', value: 'partially_shipped', description: 'Sends partially_shipped' },
			{ name: 'Hyphen (Payments Guides)', value: 'partially-shipped', description: 'Sends partially-shipped' },
		],
		default: 'partially_shipped',
		// Hidden for the other statuses rather than shown for this one: n8n shows a property whose `show` meets an
		// expression without reading its other conditions (resource, operation), so a mapped Status would show it on every form.
		displayOptions: { hide: { '/status': STATUS_OPTIONS.map((o) => o.value).filter((value) => value !== 'partially_shipped') } },
		description: 'Leave it as it is; choose the other spelling only if WhatsApp refuses Partially Shipped (Meta\'s pages spell it both ways)',
	},
], 'message');

export interface PreparedStatus {
	message: object;
	referenceId: string;
	/** Set when the payment must be looked up before canceling. */
	guardConfiguration: string | null;
}

/** What both forms share: everything but the message envelope (body, footer, header or the template). */
export type StatusBaseInput = Omit<OrderStatusInput, 'body' | 'footer' | 'header'>;

/** The payment time means nothing without the payment status it belongs to. */
const PAYMENT_TIME_NEEDS: DependentField[] = [{ field: 'paymentTimestamp', needs: ['paymentStatus'], label: '"Payment Status (Brazil)"' }];

/**
 * The payment's time in epoch seconds (brazil-orders.md § Payment object: an integer, epoch seconds): Payment
 * Timestamp as readTimeField reads it (the workflow's time zone unless it carries an offset); now when it is empty.
 */
const paymentTimeOf = (ctx: IExecuteFunctions, fields: IDataObject): number =>
	readTimeField(ctx, fields, 'paymentTimestamp', 'order_status input') ?? Math.floor(Date.now() / 1000);

/**
 * Reads item `itemIndex`'s status and builds its message with `build` (the form's own fields come from its
 * Additional Fields); the core validates, so a bad status throws before any request.
 */
export function prepareOrderStatus(
	ctx: IExecuteFunctions,
	itemIndex: number,
	form: StatusForm,
	build: (input: StatusBaseInput, additionalFields: IDataObject, options: OrderStatusOptions) => object,
): PreparedStatus {
	const fields = readParameter<IDataObject>(ctx, 'additionalFields', itemIndex, {});
	const options = readParameter<IDataObject>(ctx, 'options', itemIndex, {});
	const status = readParameter<string>(ctx, 'status', itemIndex);
	if (!withPayment(form) && STATUSES_WITH_PAYMENT.has(status)) {
		// A workflow saved when the template form offered them (or a Status from an expression).
		const label = STATUS_OPTIONS.find((option) => option.value === status)?.name;
		throw new OrderValidationError([{ path: 'status', message: `"${label}" is not sent in an order status template, which carries the order status alone: use Send Order Status`, rule: 'template' }], 'order_status input');
	}
	const paymentStatus = text(fields.paymentStatus) as 'pending' | 'captured' | 'failed' | undefined;
	checkDependentFields(ctx, itemIndex, fields, PAYMENT_TIME_NEEDS);
	// Added and left on "Choose the Outcome" (an expression that gives nothing means no payment object).
	const chosenInForm = !holdsExpression(rawParameter(ctx, 'additionalFields.paymentStatus'));
	if (!paymentStatus && 'paymentStatus' in fields && chosenInForm) {
		throw new OrderValidationError([{ path: 'additionalFields.paymentStatus', message: 'choose the payment outcome you confirmed with your PSP, or remove the field', rule: 'required' }], 'order_status input');
	}
	if (!paymentStatus && STATUSES_WITH_PAYMENT.has(status)) {
		// brazil-orders.md § Simplified order status example: these carry a payment object, which the core would name.
		const label = STATUS_OPTIONS.find((option) => option.value === status)?.name;
		const message = `is required with Status "${label}": add it under Additional Fields`;
		throw new OrderValidationError([{ path: 'additionalFields.paymentStatus', message, rule: 'required' }], 'order_status input');
	}
	const input: StatusBaseInput = {
		to: readRecipient(ctx, itemIndex),
		referenceId: readTextParameter(ctx, 'referenceId', itemIndex).trim(),
		...(status === PAYMENT_ONLY ? {} : { status: status as OrderStatusInput['status'] }),
		...(text(fields.description) ? { description: text(fields.description) } : {}),
		...(paymentStatus
			? { payment: { status: paymentStatus, timestamp: paymentTimeOf(ctx, fields) } }
			: {}),
	};
	const spelling = (options.partiallyShippedSpelling as PartiallyShippedSpelling | undefined) ?? 'partially_shipped';
	const guarded = status === 'canceled' && readSwitch(ctx, 'checkPaymentBeforeCanceling', itemIndex, false);
	return {
		message: build(input, fields, { partiallyShippedSpelling: spelling }),
		referenceId: input.referenceId,
		guardConfiguration: guarded ? readPaymentConfiguration(ctx, itemIndex) : null,
	};
}

/** The `execute` of both status operations: the guarded cancel's lookup, then the send under the write retry policy. */
export async function executeOrderStatus(this: IExecuteFunctions, prepared: PreparedStatus, api: WhatsAppApi, itemIndex: number) {
	let paymentCheck: IDataObject | undefined;
	if (prepared.guardConfiguration !== null) {
		// WhatsApp refuses to cancel a paid or pending order only later, by an error webhook (2047):
		// asking first gives the workflow a clear answer now.
		const lookup = await findPayment(api, prepared.guardConfiguration, prepared.referenceId, itemIndex);
		const { found } = lookup;
		if (found.kind !== 'payment') {
			throw new NodeOperationError(this.getNode(), `Refusing to cancel order ${prepared.referenceId}: ${noPaymentReason(found)}`, { itemIndex, ...notFoundDescription(lookup) });
		}
		const { payment } = found;
		const verdict = cancelVerdict(payment);
		if (!verdict.allowed) {
			throw new NodeOperationError(this.getNode(), `Refusing to cancel order ${prepared.referenceId}: ${verdict.reason}`, {
				itemIndex,
				description: 'The buyer paid or is paying; WhatsApp would reject the cancellation (error 2047). Refund the payment or complete the order instead.',
			});
		}
		paymentCheck = { status: payment.status, stage: payment.stage, allowed: true };
	}
	const result = await sendMessage(this, api, prepared.message, prepared.referenceId, { retry: 'write' }, itemIndex);
	return paymentCheck ? { ...result, paymentCheck } : result;
}
