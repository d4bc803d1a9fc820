/**
 * The trigger's parameters, read and checked in one place: on activation (checkExists) and on every delivery before
 * any update is marked as seen. Why before: an update marked seen and then not emitted is lost for good (WhatsApp's
 * retry of it would be dropped as a duplicate), so whatever can fail fails first, with an error naming the field as
 * the form labels it; the delivery then gets 500 and WhatsApp retries it once the node is fixed.
 *
 * n8n hands an expression's result over as it is: a list may come as text ("payment_status, error", which is what
 * $vars always gives), a switch as "true". The readers below take those forms and refuse anything else by name,
 * never reading it as "nothing chosen" (a string spread into a Set is its characters, which match no update).
 * The action node's readers (WhatsAppPayments/shared/values.ts) read per item in an execution; these read a trigger's
 * node once per delivery, so they are their own.
 */
import { NodeOperationError, type INode, type IWebhookFunctions } from 'n8n-workflow';

import type { DedupeWindowOptions } from '../../core/dedupe';
import { isObject } from '../../core/messageShape';
import { boundedNumber } from '../shared/numberOption';
import { DEFAULT_MAX_BODY_BYTES } from './delivery';
import {
	DEDUPE_HOURS_BOUNDS,
	DEDUPE_MAX_ENTRIES_BOUNDS,
	DEFAULT_DEDUPE_HOURS,
	DEFAULT_DEDUPE_MAX_ENTRIES,
	DEFAULT_EVENTS,
	EVENT_VALUES,
	MAX_BODY_MB_BOUNDS,
	PAYMENT_STATUS_VALUES,
	type TriggerOptions,
} from './properties';

const HOUR_MS = 3_600_000;
const MEGABYTE = 1024 * 1024;

/** What the readers need of a hook (activation) or webhook (delivery) context. */
export type ParameterContext = Pick<IWebhookFunctions, 'getNode' | 'getNodeParameter'>;

/** A value read without throwing: the value, or why it could not be read (naming the field). */
export type Reading = { ok: true; value: unknown } | { ok: false; error: string };

export interface TriggerLimits {
	maxBodyBytes: number;
	dedupe: DedupeWindowOptions;
}

export interface TriggerSettings {
	kinds: Set<string>;
	/** Empty: every payment status. */
	statuses: string[];
	lookup: boolean;
	deduplicate: boolean;
	/** Read only with the lookup on; a problem with it is reported on each payment's confirmation (confirmation.ts). */
	configurationName: Reading;
}

function readRaw(context: ParameterContext, name: string, label: string, fallback: unknown): Reading {
	try {
		return { ok: true, value: context.getNodeParameter(name, fallback) };
	} catch (error) {
		// An expression that cannot be resolved (e.g. it names a node that is not there): n8n's message, no values.
		return { ok: false, error: `${label}: the expression could not be resolved (${(error as Error).message})` };
	}
}

/** A parameter's value; null when it is not set (hidden by the form). n8n refuses an undefined fallback. */
function read(context: ParameterContext, name: string, label: string, fallback: unknown = null): unknown {
	const reading = readRaw(context, name, label, fallback);
	if (!reading.ok) throw new NodeOperationError(context.getNode(), reading.error);
	return reading.value;
}

const isVersion1 = (node: INode): boolean => node.typeVersion < 2;

const shown = (value: unknown): string => JSON.stringify(value) ?? String(value);

/**
 * A multi-choice value: a list, or text with the choices separated by commas; each a known value (any case).
 * Unset: `fallback`. Version 1 nodes, which keep working unchanged, keep a word they do not know: it matches nothing,
 * as before (dropping it could empty the list, and an empty status filter lets every status through).
 */
function listOf(node: INode, label: string, value: unknown, known: readonly string[], fallback: string[]): string[] {
	if (value === undefined || value === null) return fallback;
	const words = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
	if (!words) throw new NodeOperationError(node, `${label}: must be a list of ${known.join(', ')} (or those words separated by commas), not ${shown(value)}`);
	const chosen: string[] = [];
	for (const word of words) {
		const normalized = typeof word === 'string' ? word.trim().toLowerCase() : undefined;
		if (normalized === '') continue;
		if (normalized === undefined || !known.includes(normalized)) {
			if (isVersion1(node)) {
				chosen.push(normalized ?? String(word));
				continue;
			}
			throw new NodeOperationError(node, `${label}: ${shown(word)} is not one of ${known.join(', ')}`);
		}
		chosen.push(normalized);
	}
	return chosen;
}

/**
 * A switch: true or false, also as text in any case; unset: `fallback`. Anything else is refused, never read by
 * truthiness; version 1 nodes, which keep working unchanged, read it as they always did (`version1Reading`).
 */
function switchOf(node: INode, label: string, value: unknown, fallback: boolean, version1Reading: (value: unknown) => boolean): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (word === 'true' || word === 'false') return word === 'true';
	if (isVersion1(node)) return version1Reading(value);
	throw new NodeOperationError(node, `${label}: must be true or false, not ${shown(value)}`);
}

/** The node's Options, before anything else: the size limit is applied before the delivery is checked. */
export function triggerOptions(context: ParameterContext): TriggerOptions {
	const options = read(context, 'options', 'Options', {});
	if (!isObject(options)) throw new NodeOperationError(context.getNode(), `Options: must be a collection of options, not ${shown(options)}`);
	return options as TriggerOptions;
}

/** The options' limits, bounded (see properties.ts); a value out of bounds is an error naming the option. */
export function triggerLimits(node: INode, options: TriggerOptions): TriggerLimits {
	try {
		return {
			maxBodyBytes: Math.floor(boundedNumber(options.maxBodySizeMb, DEFAULT_MAX_BODY_BYTES / MEGABYTE, MAX_BODY_MB_BOUNDS, 'Options') * MEGABYTE),
			dedupe: {
				maxEntries: boundedNumber(options.dedupeMaxEntries, DEFAULT_DEDUPE_MAX_ENTRIES, DEDUPE_MAX_ENTRIES_BOUNDS, 'Options'),
				ttlMs: boundedNumber(options.dedupeWindowHours, DEFAULT_DEDUPE_HOURS, DEDUPE_HOURS_BOUNDS, 'Options') * HOUR_MS,
			},
		};
	} catch (error) {
		throw new NodeOperationError(node, (error as Error).message);
	}
}

/** The other parameters a delivery needs, checked; throws a NodeOperationError naming the field. */
export function triggerSettings(context: ParameterContext, options: TriggerOptions): TriggerSettings {
	const node = context.getNode();
	const version1 = isVersion1(node);
	const kindsLabel = version1 ? 'Events' : 'Trigger On';
	const kinds = listOf(node, kindsLabel, read(context, 'events', kindsLabel), EVENT_VALUES, version1 ? DEFAULT_EVENTS : []);
	// An empty list (an expression giving nothing) would answer every delivery and start nothing: the updates lost.
	if (!version1 && kinds.length === 0) throw new NodeOperationError(node, `${kindsLabel}: pick at least one kind of update`);
	// Version 2 shows the status filter beside "Trigger On", version 1 in Options.
	const statuses = version1
		? listOf(node, 'Options › Payment Statuses', options.paymentStatuses, PAYMENT_STATUS_VALUES, [])
		: listOf(node, 'Payment Statuses', read(context, 'paymentStatuses', 'Payment Statuses'), PAYMENT_STATUS_VALUES, []);
	const lookup =
		kinds.includes('payment_status') &&
		// Version 1 read it by truthiness ("yes", 1: on): reading such a value as off would drop the confirmation silently.
		switchOf(node, 'Confirm With Payment Lookup', read(context, 'confirmWithLookup', 'Confirm With Payment Lookup'), false, Boolean);
	return {
		kinds: new Set(kinds),
		statuses,
		lookup,
		// Version 1 turned it off only for false.
		deduplicate: switchOf(node, 'Options › Deduplicate Retried Deliveries', options.deduplicate, true, () => true),
		configurationName: lookup ? readRaw(context, 'paymentConfigurationName', 'Payment Configuration Name', '') : { ok: true, value: '' },
	};
}
