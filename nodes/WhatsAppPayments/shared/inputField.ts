/**
 * A parameter set to `{{ $json.<field> }}` (what dragging a field of the input onto it writes) is read from the input
 * item itself, without n8n's expression evaluation.
 *
 * Why: n8n evaluates such an expression anew for every item (a data proxy of the whole run, the extended functions,
 * the syntax extension, then the evaluator), which costs a node sending bills from three mapped fields more than the
 * rest of its own work per bill (docs/performance.md, "Send unthrottled"). For such an expression n8n gives the input
 * item's own value at that path (`$json` is the item of the node's main input at the same index), so when that value
 * is plain JSON it is read directly. Everything else goes through n8n as before:
 * - any other expression, and one n8n refuses: `.constructor` anywhere, a field name n8n's sandbox blocks (`caller`,
 *   `prototype`, ...: n8n-workflow's isSafeObjectProperty) or one of Object.prototype's names;
 * - a run that is not a plain execution of the node (used as an AI tool, `$json` is the calling node's item while the
 *   input holds the model's arguments);
 * - a path that is missing or passes through a non-object;
 * - a value that is not plain JSON (null, dates, which n8n turns into text), or that n8n's isolated evaluator would
 *   refuse or change (an object with a key named like an Object.prototype member, one flagged `__isError`).
 * test/engine/inputField.test.ts checks the two ways agree, in n8n's own engine.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';

const IDENTIFIER = '[A-Za-z_$][\\w$]*';
/** `.name`, `['any key']` or `["any key"]` (no quote, backslash or brace inside), as n8n's editor writes field paths. */
const SEGMENT = `\\.${IDENTIFIER}|\\['[^'\\\\{}]*'\\]|\\["[^"\\\\{}]*"\\]`;
const INPUT_FIELD = new RegExp(`^=\\{\\{\\s*\\$json((?:${SEGMENT})+)\\s*\\}\\}$`);
const SEGMENTS = new RegExp(SEGMENT, 'g');

/** n8n refuses any expression with `.constructor` in it. */
const CONSTRUCTOR_ACCESS = /\.\s*constructor/;

/** n8n's own rule for the field names its sandbox lets an expression read; an n8n without it: no name is read directly. */
const { isSafeObjectProperty } = n8nWorkflow as Partial<typeof n8nWorkflow>;
const safeInN8n = (key: string): boolean => typeof isSafeObjectProperty === 'function' && isSafeObjectProperty(key);

/** A name Object.prototype has (constructor, toString, __proto__, ...): n8n blocks or mangles such keys. */
const isPrototypeName = (key: string): boolean => key in Object.prototype;

/** The keys of an input field expression's path ("={{ $json.customer['phone number'] }}" -> customer, phone number), else null. */
export function inputFieldPath(expression: string): string[] | null {
	const match = INPUT_FIELD.exec(expression);
	if (!match || CONSTRUCTOR_ACCESS.test(expression)) return null;
	const path = (match[1].match(SEGMENTS) ?? []).map((segment) => (segment.startsWith('.') ? segment.slice(1) : segment.slice(2, -2)));
	return path.every((key) => safeInN8n(key) && !isPrototypeName(key)) ? path : null;
}

const isPlainObject = (value: unknown): value is IDataObject => {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
};

/** Text, a finite number, a boolean, or arrays and plain objects of those and null: what JSON holds, nothing n8n would change. */
function isPlainJson(value: unknown, depth = 0): boolean {
	if (typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value);
	if (depth > 0 && value === null) return true;
	if (depth > 64) return false;
	if (Array.isArray(value)) return value.every((entry) => isPlainJson(entry, depth + 1));
	if (!isPlainObject(value) || (depth === 0 && value.__isError === true)) return false;
	for (const key of Object.keys(value)) if (isPrototypeName(key) || !isPlainJson(value[key], depth + 1)) return false;
	return true;
}

/** The input item's value at `path` when it is there and plain JSON; undefined when n8n must answer. */
export function inputFieldValue(items: INodeExecutionData[], itemIndex: number, path: string[]): unknown {
	let value: unknown = items[itemIndex]?.json;
	for (const key of path) {
		if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = value[key];
	}
	return isPlainJson(value) ? value : undefined;
}
