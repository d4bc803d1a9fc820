/**
 * A parameter set to `{{ $json.<field> }}` (what dragging a field of the input onto it writes) is read from the
 * input item itself, without n8n's expression evaluation.
 *
 * Why: n8n evaluates such an expression anew for every item (a data proxy of the whole run, the extended functions,
 * the syntax extension, then the evaluator), which costs a node sending bills from three mapped fields more than the
 * rest of its own work per bill (bench/RESULTS.md, "Send unthrottled"). The value n8n gives for such an expression is
 * the input item's own value at that path (`$json` is the item of the node's input at the same index), so when that
 * value is plain JSON it is read directly. Anything else goes through n8n as before: any other expression, a path
 * that is missing or passes through a non-object, and values that are not plain JSON (n8n turns Luxon dates into
 * text, and may answer a null or missing value in its own way).
 * test/engine/inputField.test.ts checks the two ways agree, in n8n's own engine.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

const IDENTIFIER = '[A-Za-z_$][\\w$]*';
/** `.name`, `['any key']` or `["any key"]` (quotes not escaped inside), as n8n's editor writes field paths. */
const SEGMENT = `\\.${IDENTIFIER}|\\['[^'\\\\]*'\\]|\\["[^"\\\\]*"\\]`;
const INPUT_FIELD = new RegExp(`^=\\{\\{\\s*\\$json((?:${SEGMENT})+)\\s*\\}\\}$`);
const SEGMENTS = new RegExp(SEGMENT, 'g');

/** The keys of an input field expression's path ("={{ $json.customer['phone number'] }}" -> customer, phone number), else null. */
export function inputFieldPath(expression: string): string[] | null {
	const match = INPUT_FIELD.exec(expression);
	if (!match) return null;
	return (match[1].match(SEGMENTS) ?? []).map((segment) => (segment.startsWith('.') ? segment.slice(1) : segment.slice(2, -2)));
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
	return isPlainObject(value) && Object.values(value).every((entry) => isPlainJson(entry, depth + 1));
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
