import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { OrderValidationError } from '../../core/errors';
import { recipientDigits } from '../../core/recipient';
import { mapWithLimit } from '../shared/pool';
import * as checkout from './resources/checkout';
import * as order from './resources/order';
import * as payment from './resources/payment';
import * as paymentConfiguration from './resources/paymentConfiguration';
import { recipientProperty } from './shared/fields';
import { inLabels, inputItemName, labelIndex, orderPathOf, pathInLabels, startsWithField, type Labels, type PathContext } from './shared/labels';
import type { Operation } from './shared/operation';
import { InFlightWindow, readPacing } from './shared/pacing';
import { holdsExpression, rawParameter, readParameter } from './shared/parameters';
import { recordFailedRun, takeFailedRun } from './shared/retriedRun';
import { isEmptyValue } from './shared/values';
import { WhatsAppApi } from './transport';

const resources: Record<string, Record<string, Operation>> = {
	order: order.operations,
	payment: payment.operations,
	paymentConfiguration: paymentConfiguration.operations,
	checkout: checkout.operations,
};

type NodeError = NodeApiError | NodeOperationError;

const DESCRIPTIONS = [order.description, payment.description, paymentConfiguration.description, checkout.description];
/** The on-screen label of every parameter of the node, for errors (shared/labels.ts). */
const LABELS = labelIndex(DESCRIPTIONS.flat());
/**
 * The checkout form's labels first: it names some parameters the order forms name otherwise (shippingAddresses is
 * "Buyer Addresses" there, "Shipping Addresses (Checkout Button)" on an order details template).
 */
const CHECKOUT_LABELS = labelIndex([checkout.description, ...DESCRIPTIONS].flat());
/** With Items Source "JSON or Expression" the order's lines are those of the field "Items (JSON)". */
const JSON_ITEMS_LABELS: Labels = new Map(LABELS).set('items', LABELS.get('itemsJson') ?? 'Items (JSON)');

/** A parameter that decides how fields are named (Items Source, Market), or `fallback` for operations without it. */
function namingParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: string): string {
	try {
		return String(readParameter(ctx, name, itemIndex, fallback));
	} catch {
		// Naming the fields must never hide the error being reported.
		return fallback;
	}
}

/**
 * Any failure of item `itemIndex` as an n8n error in the form's words: the labels the user sees instead of
 * parameter names, and validation errors naming the input item and every field.
 */
function formNaming(ctx: IExecuteFunctions, itemIndex: number): { labels: Labels; context: PathContext } {
	const itemsSource = namingParameter(ctx, 'itemsSource', itemIndex, 'define');
	const labels = itemsSource === 'json' ? JSON_ITEMS_LABELS : namingParameter(ctx, 'resource', itemIndex, 'order') === 'checkout' ? CHECKOUT_LABELS : LABELS;
	// "All Input Items": one order of every input item, each a line, so a line is named as its input item.
	const context = { market: namingParameter(ctx, 'market', itemIndex, ''), linesAreInputItems: itemsSource === 'inputItems', itemsSource };
	return { labels, context };
}

/** A wire path (/amount/value) as the form of item `itemIndex` names its field: API error hints say it so. */
const fieldNameIn = (ctx: IExecuteFunctions) => (path: string, itemIndex: number): string => {
	const { labels, context } = formNaming(ctx, itemIndex);
	return pathInLabels(path, labels, context);
};

/**
 * A field error of item `itemIndex` named after its input item, as validation errors are ("Input item 3: Amount: ..."),
 * when the run has several: in a sheet of 200 rows the field alone does not tell which row failed. Left as it is: a
 * message that names an input item already (a value compared with input item 1's), or that names no field.
 */
function withItemName(ctx: IExecuteFunctions, message: string, itemIndex: number, labels: Labels): string {
	if (ctx.getInputData().length < 2 || /\binput item \d+/i.test(message) || !startsWithField(message, labels)) return message;
	return `${inputItemName(itemIndex)}: ${message}`;
}

function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	const { labels, context } = formNaming(ctx, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		error.message = inLabels(error.message, labels);
		// A carousel card's field is its own input item's (the error says which), not the run's.
		const own = typeof error.context.itemIndex === 'number' ? error.context.itemIndex : itemIndex;
		if (error instanceof NodeOperationError) error.message = withItemName(ctx, error.message, own, labels);
		return error;
	}
	if (error instanceof OrderValidationError) {
		const fields = error.errors.map((e) => `${pathInLabels(e.path, labels, context)}: ${e.message}`);
		// The order's other fields are read from the input item the run is named after.
		const onlyLines = context.linesAreInputItems && error.errors.every((e) => /^\/(?:order\/)?items\/\d+/.test(orderPathOf(e.path)));
		const prefix = onlyLines ? '' : `${inputItemName(itemIndex)}: `;
		return new NodeOperationError(ctx.getNode(), `${prefix}${fields.join('; ')}`, {
			itemIndex,
			description: fields.join('\n'),
		});
	}
	const message = inLabels(error instanceof Error ? error.message : String(error), labels);
	return new NodeOperationError(ctx.getNode(), withItemName(ctx, message, itemIndex, labels), { itemIndex });
}

/**
 * The output item of a failed input item under "Continue On Fail": the message in `error`, the rest (description,
 * Meta code, hint, fbtrace_id, the broken rules) in `details`, never request data.
 * "Continue (Using Error Output)" moves an item to the error output by the keys of its JSON: n8n 2.x takes
 * `{ error, details }`, n8n 1.x only `{ error }` or `{ error, message }` (an item carrying `item.error` instead
 * is routed by both, but n8n then replaces its JSON with the bare message). So with that setting both go under
 * the one key n8n 1.x and 2.x accept: `{ error: { message, details } }` (docs/node.md, docs/verification.md).
 */
function errorJson(error: NodeError, cause: unknown, toErrorOutput: boolean): IDataObject {
	const details: IDataObject = {};
	if (error.description) details.description = error.description;
	if (error instanceof NodeApiError && error.errorResponse) Object.assign(details, error.errorResponse);
	if (cause instanceof OrderValidationError) details.errors = cause.errors.map((e) => ({ ...e }));
	return toErrorOutput ? { error: { message: error.message, details } } : { error: error.message, details };
}

/**
 * The error's description plus the items already done when a run stops on a failure: their outputs are
 * lost with the error, so a user who re-runs the node must know not to send them again.
 */
function withDoneItems(error: NodeError, done: INodeExecutionData[][], itemIndexes: number[]): NodeError {
	const listed = done.flatMap((outputs, slot) => {
		if (outputs.length === 0) return [];
		const ref = outputs[0].json.referenceId ?? outputs[0].json.reference_id;
		const name = inputItemName(itemIndexes[slot]).toLowerCase();
		return [typeof ref === 'string' ? `${name} (reference_id ${ref})` : name];
	});
	if (listed.length === 0) return error;
	const note = `Already done before this failure, do not send them again: ${listed.join(', ')}. The items not listed were not completed.`;
	error.description = error.description ? `${error.description}\n\n${note}` : note;
	return error;
}

/**
 * Some parameters are read once per run, from input item 1: the sending number (the run's API client is built
 * once) and, for an order built from all input items, the operation's `sameForAllItems`. An expression that gives
 * input item `itemIndex` another value would go out with item 1's: the run fails instead, naming both values.
 * `emptyIsFirst`: an empty value is item 1's (order sheets and shop exports fill an order's columns on its first row only),
 * a list such as Body Parameters too when its every value is empty.
 */
function checkSameAsFirstItem(ctx: IExecuteFunctions, name: string, itemIndex: number, why: string, emptyIsFirst = false): void {
	if (itemIndex === 0 || !holdsExpression(rawParameter(ctx, name))) return;
	// extractValue: a resource locator (Payment Configuration) compares and shows its value, not its mode.
	const value = readParameter(ctx, name, itemIndex, '', { extractValue: true });
	if (emptyIsFirst && isEmptyValue(value)) return;
	const first = readParameter(ctx, name, 0, '', { extractValue: true });
	if (comparedValue(name, value) === comparedValue(name, first)) return;
	throw new NodeOperationError(ctx.getNode(), `${name}: ${inputItemName(itemIndex).toLowerCase()} gives ${shownValue(value)} but input item 1 gives ${shownValue(first)}: ${why}`, { itemIndex });
}

/** A value as the API reads it: one customer's number written two ways ("+91 98765 43210", 919876543210) is one recipient. */
const comparedValue = (name: string, value: unknown): string => (name === recipientProperty.name ? recipientDigits(String(value)) : shownValue(value));

/** A parameter's value as an error quotes it: text in quotes, a list or collection (e.g. Body Parameters) as JSON. */
const shownValue = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : `"${String(value).trim()}"`);

/** What the Sending Phone Number is to an operation, for the error asking for it: Look Up and Refund send no bill. */
function sendingNumberRole(resource: string, operation: string): string {
	if (resource === 'payment') return 'the number the orders were sent from';
	if (/^sendOrderStatus/.test(operation)) return 'the number the order was sent from';
	return /BusinessPublicKey$/.test(operation) ? 'the number the business public key is for' : 'the number the bills go out from';
}

const ONE_SENDING_NUMBER = 'one run sends from one number; split the items by number first (e.g. with a Switch node)';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = readParameter<string>(this, 'resource', 0);
	const operationName = readParameter<string>(this, 'operation', 0);
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of the resource "${resource}" is not supported`);
	}

	const runsOnce = operation.runsOnceForAllItems?.call(this) ?? false;
	const itemIndexes = runsOnce ? [0] : items.map((_, i) => i);
	const pairedItem = (itemIndex: number): IPairedItemData | IPairedItemData[] =>
		runsOnce ? items.map((_, i) => ({ item: i })) : { item: itemIndex };
	const continueOnFail = this.continueOnFail();
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const outputs: INodeExecutionData[][] = itemIndexes.map(() => []);
	const fail = (slot: number, error: unknown): NodeError => {
		const itemIndex = itemIndexes[slot];
		const nodeError = toNodeError(this, error, itemIndex);
		outputs[slot] = [{ json: errorJson(nodeError, error, toErrorOutput), pairedItem: pairedItem(itemIndex) }];
		return nodeError;
	};

	// A retry of a run that failed (n8n's Retry On Fail) gives the items it had done their outputs again, unsent.
	const doneBefore = takeFailedRun(this);

	// 1. Every item is read and validated before any request: a bad order never reaches the API.
	const sendingNumber = readParameter<string>(this, 'phoneNumberId', 0, '');
	const prepared: unknown[] = [];
	const ready = new Set<number>();
	for (const [slot, itemIndex] of itemIndexes.entries()) {
		if (doneBefore.has(itemIndex)) continue;
		try {
			checkSameAsFirstItem(this, 'phoneNumberId', itemIndex, ONE_SENDING_NUMBER);
			if (runsOnce && operation.sameForAllItems) {
				const { parameters, why } = operation.sameForAllItems;
				for (const inputIndex of items.keys()) for (const name of parameters) checkSameAsFirstItem(this, name, inputIndex, why, true);
			}
			prepared[slot] = await operation.prepare.call(this, itemIndex);
			ready.add(slot);
		} catch (error) {
			const nodeError = fail(slot, error);
			if (!continueOnFail) {
				// Only a retry has items done before this point: they stay done for the next try.
				const doneSoFar = itemIndexes.map((i) => doneBefore.get(i) ?? []);
				recordFailedRun(this, itemIndexes, doneSoFar);
				throw withDoneItems(nodeError, doneSoFar, itemIndexes);
			}
		}
	}

	// 2. Requests, with bounded concurrency. Without Continue On Fail, the first failure stops new
	// items from starting; items already in flight finish, then the error is thrown naming the items done.
	const pacing = readPacing(this);
	const inFlight = new InFlightWindow(pacing);
	// Operations that make no API request (answering the checkout trigger) need no API credential.
	const api = operation.withoutApi ? undefined : await WhatsAppApi.create(
		this,
		{ ...pacing, onRequestSent: () => inFlight.requestSent() },
		{ phoneNumberId: sendingNumber, needsBusinessAccount: resource === 'paymentConfiguration' || operation.needsBusinessAccount === true, fieldName: fieldNameIn(this) },
	);
	if (api && resource !== 'paymentConfiguration' && api.settings.provider === 'cloudApi' && !api.settings.phoneNumberId) {
		throw new NodeOperationError(this.getNode(), inLabels(`phoneNumberId: choose ${sendingNumberRole(resource, operationName)}`, LABELS), {
			description: 'Pick it from the list (it is loaded with the credential\'s access token), or give the credential a Default Phone Number ID.',
		});
	}
	let stopWith: NodeError | undefined;
	const done: INodeExecutionData[][] = itemIndexes.map(() => []);
	// The window grows with time while answers are awaited: each request that leaves asks the pool to start more.
	const whenWindowMayGrow = (startMore: () => void) => inFlight.onMayGrow(startMore);
	await mapWithLimit(itemIndexes, () => inFlight.size(), async (itemIndex, slot) => {
		const before = doneBefore.get(itemIndex);
		if (before) {
			outputs[slot] = done[slot] = before;
			return;
		}
		if (!ready.has(slot) || stopWith) return;
		try {
			const result = await operation.execute.call(this, prepared[slot], api as WhatsAppApi, itemIndex);
			outputs[slot] = (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem: pairedItem(itemIndex) }));
			done[slot] = outputs[slot];
		} catch (error) {
			const nodeError = fail(slot, error);
			if (!continueOnFail) stopWith ??= nodeError;
		}
	}, whenWindowMayGrow);
	if (stopWith) {
		recordFailedRun(this, itemIndexes, done);
		throw withDoneItems(stopWith, done, itemIndexes);
	}
	return [outputs.flat()];
}
