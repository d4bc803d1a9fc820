/** Small readers of node parameter values. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DOT_SEGMENT_REFUSAL, isDotSegment } from '../../../core/providers';
import { readParameter } from './parameters';

/** Trimmed text, or undefined for empty / missing values. */
export const text = (x: unknown): string | undefined =>
	x === undefined || x === null || String(x).trim() === '' ? undefined : String(x).trim();

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

/** A value that becomes a segment of a request's path (a configuration name, a reference ID): not dots only (isDotSegment). */
export function checkPathSegment(ctx: IExecuteFunctions, itemIndex: number, name: string, value: string): string {
	if (isDotSegment(value)) throw new NodeOperationError(ctx.getNode(), `${name}: ${DOT_SEGMENT_REFUSAL}`, { itemIndex });
	return value;
}

/** requireText for a value that becomes a segment of a request's path. */
export const requirePathSegment = (ctx: IExecuteFunctions, itemIndex: number, name: string): string =>
	checkPathSegment(ctx, itemIndex, name, requireText(ctx, itemIndex, name));

/** An additional field that reaches the wire only beside another: `field` needs one of `needs` (named `label`). */
export interface DependentField {
	field: string;
	needs: string[];
	label: string;
}

/** A field set without the field it belongs to would be dropped silently: an error naming both instead. */
export function checkDependentFields(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject, rules: DependentField[]): void {
	for (const { field, needs, label } of rules) {
		if (text(fields[field]) !== undefined && !needs.some((name) => text(fields[name]) !== undefined)) {
			throw new NodeOperationError(ctx.getNode(), `additionalFields.${field}: needs ${label} as well; without it, it is not sent`, { itemIndex });
		}
	}
}
