import type { SchemaError } from './schemaValidator';
import type { ValidationError } from './types';

/** Escapes one property name for use as a JSON pointer segment (RFC 6901). */
export function pointerSegment(name: string | number): string {
	const segment = String(name);
	// Most names have neither character: no regular expression runs for them.
	return segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment;
}

/** `base` + `/name`, the pointer of a child value. */
export function childPath(base: string, name: string | number): string {
	return `${base}/${pointerSegment(name)}`;
}

const list = (values: unknown): string =>
	Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(values);

const plural = (n: unknown, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;

/** Keywords whose failure only repeats the errors inside them (`if` fails because its `then` did). */
const SUMMARY_KEYWORDS = new Set(['if']);

/** What each pattern of the schemas asks for, in words: a regular expression tells a shop owner nothing. */
export const PATTERN_TEXTS: Record<string, string> = {
	'^[0-9]{4}$': 'must be 4 digits, e.g. 4242',
	'^[0-9]{6}$': 'must be 6 digits, e.g. 110020',
	'^[0-9]{1,15}$': 'must be a time in epoch seconds (digits only)',
	'^[A-Z]{2}$': 'must be 2 capital letters, e.g. IN',
	'^https://[^\\s]+$': 'must be a link starting with https://, without spaces',
	'^https?://[^\\s]+$': 'must be a link starting with https:// (or http://), without spaces',
	'^https?://': 'must be a link starting with https:// (or http://)',
	'^upi://pay\\?': 'must be a UPI link starting with upi://pay?',
};

/** Human wording of one ajv error, without the path. */
function describe(e: SchemaError): string {
	const p = e.params;
	switch (e.keyword) {
		case 'required':
			return 'is required';
		case 'additionalProperties':
			return 'is not an allowed field';
		case 'type':
			return `must be ${p.type === 'integer' || p.type === 'array' || p.type === 'object' ? 'an' : 'a'} ${p.type}`;
		case 'const':
			return `must be ${JSON.stringify(p.allowedValue)}`;
		case 'enum':
			return `must be one of ${list(p.allowedValues)}`;
		case 'maxLength':
			return `must be at most ${plural(p.limit, 'character')}`;
		case 'minLength':
			return p.limit === 1 ? 'must not be empty' : `must be at least ${plural(p.limit, 'character')}`;
		case 'pattern':
			return PATTERN_TEXTS[String(p.pattern)] ?? `must match the pattern ${p.pattern}`;
		case 'minimum':
		case 'maximum':
		case 'exclusiveMinimum':
		case 'exclusiveMaximum':
			return `must be ${p.comparison} ${p.limit}`;
		case 'minItems':
			return `must have at least ${plural(p.limit, 'entry', 'entries')}`;
		case 'maxItems':
			return `must have at most ${plural(p.limit, 'entry', 'entries')}`;
		case 'minProperties':
			return `must have at least ${plural(p.limit, 'field')}`;
		case 'maxProperties':
			return `must have at most ${plural(p.limit, 'field')}`;
		case 'propertyNames':
			return `has an invalid field name ${JSON.stringify(p.propertyName)}`;
		case 'multipleOf':
			return `must be a multiple of ${p.multipleOf}`;
		case 'uniqueItems':
			return `must not repeat entries (entries ${p.j} and ${p.i} are equal)`;
		case 'oneOf':
			return 'must match exactly one of the allowed forms';
		case 'anyOf':
			return 'must match one of the allowed forms';
		case 'not':
			return 'is not allowed here';
		case 'dependencies':
		case 'dependentRequired':
			return `requires ${p.missingProperty} when ${p.property} is present`;
		default:
			return e.message ?? `breaks the ${e.keyword} rule`;
	}
}

/** Pointer to the value an error is about: a missing or extra field is named itself, not its parent. */
function errorPath(e: SchemaError, basePath: string): string {
	const at = basePath + e.instancePath;
	if (e.keyword === 'required') return childPath(at, String(e.params.missingProperty));
	if (e.keyword === 'additionalProperties') return childPath(at, String(e.params.additionalProperty));
	if (e.keyword === 'dependencies' || e.keyword === 'dependentRequired') return childPath(at, String(e.params.missingProperty));
	return at;
}

/**
 * Turns ajv errors into { path, message, rule }: `path` is a JSON pointer (prefixed by `basePath`)
 * to the offending value, `rule` the keyword that failed. Duplicates (same path and rule) are dropped.
 */
export function toValidationErrors(errors: SchemaError[] | null | undefined, basePath: string): ValidationError[] {
	if (!errors || errors.length === 0) return [];
	const out: ValidationError[] = [];
	const seen = new Set<string>();
	for (const e of errors) {
		if (SUMMARY_KEYWORDS.has(e.keyword)) continue;
		const path = errorPath(e, basePath);
		const key = `${path}\u0000${e.keyword}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ path, message: describe(e), rule: e.keyword });
	}
	return out;
}
