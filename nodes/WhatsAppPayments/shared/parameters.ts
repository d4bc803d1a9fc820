/**
 * The one way the action node reads its parameters. n8n's getNodeParameter walks, resolves and validates
 * the value again for every item; a parameter whose raw value holds no expression anywhere (no string
 * starting with "=") comes out the same for every item, so it is read through n8n once per node run and
 * that value is shared by the items. Parameters with an expression are read through n8n for each item,
 * as always, except that a field dragged from the input (`{{ $json.<field> }}`) is read from the input item
 * (shared/inputField.ts). A failed read is never remembered: each item gets its own error.
 *
 * Shared values are read-only: readers build new objects from them and never change them.
 */
import type { IExecuteFunctions, INode, INodeExecutionData, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { inputFieldPath, inputFieldValue } from './inputField';

interface RunParameters {
	/** The node, its raw parameters and version (getNode() deep-copies the node, so it is called once per run). */
	node: INode;
	/** Values of expression-free parameters already read in this run, by name and options. */
	resolved: Map<string, unknown>;
	/**
	 * The node's input items, for parameters that name a field of the item; null unless the run is a plain execution,
	 * where `$json` is the item of the main input (used as an AI tool, the input holds the model's arguments instead).
	 */
	items: INodeExecutionData[] | null;
	/** The field path of each parameter whose raw value names one (`{{ $json.<field> }}`), else null, by name. */
	fieldPaths: Map<string, string[] | null>;
}

/** One entry per node run: n8n gives every run its own context object. */
const runs = new WeakMap<IExecuteFunctions, RunParameters>();

function runParameters(ctx: IExecuteFunctions): RunParameters {
	let run = runs.get(ctx);
	if (!run) {
		const items = ctx.getInputData();
		run = { node: ctx.getNode(), resolved: new Map(), items: items === ctx.getInputData(0, 'main') ? items : null, fieldPaths: new Map() };
		runs.set(ctx, run);
	}
	return run;
}

/** The raw value at a dotted parameter path ("items.item"), or undefined. */
function rawValue(parameters: INodeParameters, path: string): unknown {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** The node's raw (unevaluated) value at a dotted parameter path, from the run's one copy of the node: no deep copy per item. */
export const rawParameter = (ctx: IExecuteFunctions, path: string): unknown => rawValue(runParameters(ctx).node.parameters, path);

/** The node as the run has it (its version, credentials...): the run's one copy, for readers asked once per item or more. */
export const runNode = (ctx: IExecuteFunctions): INode => runParameters(ctx).node;

/** True when the value, at any depth, holds a string n8n would evaluate as an expression. */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (typeof value !== 'object' || value === null) return false;
	return Object.values(value).some(holdsExpression);
}

/**
 * The input item's value for a top-level parameter set to `{{ $json.<field> }}`; undefined when n8n must evaluate it.
 * Top-level only: n8n validates values inside collections against their options.
 */
function fieldOfInputItem(run: RunParameters, name: string, raw: unknown, itemIndex: number): unknown {
	let path = run.fieldPaths.get(name);
	if (path === undefined) {
		path = typeof raw === 'string' && !name.includes('.') ? inputFieldPath(raw) : null;
		run.fieldPaths.set(name, path);
	}
	return path && run.items ? inputFieldValue(run.items, itemIndex, path) : undefined;
}

export interface ReadOptions {
	/** Resource locators: the chosen value rather than { mode, value }. */
	extractValue?: boolean;
}

/**
 * ctx.getNodeParameter(name, itemIndex, fallback, options) with the same result for every item, read
 * once per run when the parameter holds no expression. A parameter that is not set is read through n8n
 * each time, so each call site's fallback applies exactly as before.
 */
export function readParameter<T = NodeParameterValueType | object>(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
	options?: ReadOptions,
): T {
	const read = () => ctx.getNodeParameter(name, itemIndex, fallback, options) as T;
	const run = runParameters(ctx);
	const raw = rawValue(run.node.parameters, name);
	if (raw === undefined) return read();
	if (holdsExpression(raw)) {
		const value = options?.extractValue ? undefined : fieldOfInputItem(run, name, raw, itemIndex);
		return value === undefined ? read() : (value as T);
	}
	const key = options?.extractValue ? `${name}\0value` : name;
	if (run.resolved.has(key)) return run.resolved.get(key) as T;
	const value = read();
	run.resolved.set(key, value);
	return value;
}
