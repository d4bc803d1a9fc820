/** Small readers of node parameter values. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DOT_SEGMENT_REFUSAL, isDotSegment } from '../../../core/providers';
import { readParameter } from './parameters';
import { isVersion1 } from './versions';

/** Trimmed text, or undefined for empty / missing values. */
export const text = (x: unknown): string | undefined =>
	x === undefined || x === null || String(x).trim() === '' ? undefined : String(x).trim();

/**
 * Nothing given: empty text, or a list or collection of nothing but empty values (a row whose Body Parameters
 * give "" for each placeholder is as empty as an empty cell; text() would read it as "[object Object]").
 */
export const isEmptyValue = (x: unknown): boolean =>
	Array.isArray(x) || Object.prototype.toString.call(x) === '[object Object]' ? Object.values(x as object).every(isEmptyValue) : text(x) === undefined;

/**
 * A text parameter as typed or mapped, untrimmed: '' when empty, null or missing (the core then names the field as
 * missing: a null used to go out as the text "null"); numbers and booleans as written; a mapped object or list is
 * refused naming the field (it would reach the buyer as "[object Object]").
 */
export function readTextParameter(ctx: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = readParameter<unknown>(ctx, name, itemIndex, '');
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') throw new NodeOperationError(ctx.getNode(), `${name}: must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}`, { itemIndex });
	return String(value);
}

/**
 * A switch's value: n8n passes an expression's result as it is, so "true" / "FALSE" from a sheet are read as the
 * switch (any case); anything else fails naming the field (`name`, e.g. options.skipOrdersAlreadySent), never read as
 * off or on by truthiness. Unset: `fallback`. Version 1 nodes, which keep working unchanged, read other values as `fallback`.
 */
export function booleanOf(ctx: IExecuteFunctions, itemIndex: number, name: string, value: unknown, fallback: boolean): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (word === 'true' || word === 'false') return word === 'true';
	if (isVersion1(ctx)) return fallback;
	throw new NodeOperationError(ctx.getNode(), `${name}: must be true or false, not ${JSON.stringify(value) ?? String(value)}`, { itemIndex });
}

/** A top-level switch parameter, read by booleanOf. */
export const readSwitch = (ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: boolean): boolean =>
	booleanOf(ctx, itemIndex, name, readParameter(ctx, name, itemIndex, fallback), fallback);

/** The object without its undefined, null and blank-string entries (unset optional fields). */
export function withoutEmpty<T extends object>(x: T): T {
	const kept: Record<string, unknown> = {};
	for (const key of Object.keys(x)) {
		const value = (x as Record<string, unknown>)[key];
		if (value !== undefined && value !== null && (typeof value !== 'string' || text(value) !== undefined)) kept[key] = value;
	}
	return kept as T;
}

/** A required text parameter, trimmed; empty is an error naming the field. */
export function requireText(ctx: IExecuteFunctions, itemIndex: number, name: string): string {
	const value = text(readParameter(ctx, name, itemIndex, ''));
	if (!value) throw new NodeOperationError(ctx.getNode(), `${name}: is required`, { itemIndex });
	return value;
}

/** A value that becomes a segment of a request's path (a configuration name, a reference ID): not "." or ".." (isDotSegment). */
export function checkPathSegment(ctx: IExecuteFunctions, itemIndex: number, name: string, value: string): string {
	if (isDotSegment(value)) throw new NodeOperationError(ctx.getNode(), `${name}: ${DOT_SEGMENT_REFUSAL}`, { itemIndex });
	return value;
}

/** An additional field that reaches the wire only beside another: `field` needs one of `needs` (named `label`). */
export interface DependentField {
	field: string;
	needs: string[];
	label: string;
}

/** Two additional fields of which the message takes one (`other` named `otherLabel`): both set is an error, not a silent choice. */
export function checkEitherField(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject, field: string, other: string, otherLabel: string, why: string): void {
	if (text(fields[field]) !== undefined && text(fields[other]) !== undefined) {
		throw new NodeOperationError(ctx.getNode(), `additionalFields.${field}: set it or ${otherLabel}, not both (${why}); one of them would not be sent`, { itemIndex });
	}
}

/** A field set without the field it belongs to would be dropped silently: an error naming both instead. */
export function checkDependentFields(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject, rules: DependentField[]): void {
	for (const { field, needs, label } of rules) {
		if (text(fields[field]) !== undefined && !needs.some((name) => text(fields[name]) !== undefined)) {
			throw new NodeOperationError(ctx.getNode(), `additionalFields.${field}: needs ${label} as well; without it, it is not sent`, { itemIndex });
		}
	}
}
