/* eslint-disable @n8n/community-nodes/node-usable-as-tool -- test-only node type */
/**
 * A parameter set to `{{ $json.<field> }}` is read from the input item (nodes/WhatsAppPayments/shared/inputField.ts)
 * instead of through n8n's expression evaluation. Here both ways read the same parameters in n8n's own engine, and
 * must give the same values; the cases n8n must answer itself (missing fields, null, dates, other expressions) are
 * shown to go through n8n.
 */
import { DateTime } from 'luxon';
import { SupplyDataContext } from 'n8n-core';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, INodeTypes, IRunExecutionData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { inputFieldPath, inputFieldValue } from '../../nodes/WhatsAppPayments/shared/inputField';
import { readParameter } from '../../nodes/WhatsAppPayments/shared/parameters';
import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { chain, createEngineHarness, itemsSource } from './harness';

/** Test-only node: reads its one parameter for each item through n8n and through readParameter. */
class ParameterReader implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Parameter Reader (test)',
		name: 'parameterReader',
		group: ['transform'],
		version: 1,
		description: 'Reads "value" both ways',
		defaults: { name: 'Read' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const path = inputFieldPath(String(this.getNode().parameters.value));
		// Each way's value, or its error: where n8n refuses an expression, so must the node.
		const attempt = (read: () => unknown): IDataObject => {
			try {
				return { value: read() as IDataObject };
			} catch (error) {
				return { error: (error as Error).message };
			}
		};
		return [
			items.map((_, index) => ({
				json: {
					n8n: attempt(() => this.getNodeParameter('value', index)),
					ours: attempt(() => readParameter(this, 'value', index)),
					direct: path !== null && inputFieldValue(items, index, path) !== undefined,
				},
			})),
		];
	}
}

const harness = createEngineHarness({ nodeTypes: [new ParameterReader()] });

async function readBothWays(value: string, items: IDataObject[]): Promise<IDataObject[]> {
	const result = await harness.runWorkflow(
		{ nodes: [itemsSource(), { name: 'Read', type: harness.typeName('parameterReader'), parameters: { value } }], connections: chain('Items', 'Read') },
		{ items },
	);
	expect(result.status).toBe('success');
	return result.json('Read');
}

const lines = [
	{ retailerId: 'chai-1', name: 'Masala Chai', amount: 120.5, quantity: 2, importer: { name: 'Acme', address: { city: 'Delhi', zip: null } } },
	{ retailerId: 'mug-1', name: 'Clay Mug', amount: 80, quantity: 1, tags: ['clay', 'mug'] },
];
const items: IDataObject[] = [
	{ to: '919876543210', count: 3, paid: true, lines, customer: { 'phone number': '+91 98765 43210', name: 'Asha' } },
	{ to: 919812345678, count: 0, paid: false, lines: [], customer: { 'phone number': '', name: 'Ravi' } },
];

describe('a field dragged from the input is read from the input item, as n8n reads it', () => {
	it.each([
		['={{ $json.to }}'],
		['={{$json.to}}'],
		['={{ $json.count }}'],
		['={{ $json.paid }}'],
		['={{ $json.lines }}'],
		['={{ $json.customer.name }}'],
		["={{ $json.customer['phone number'] }}"],
		['={{ $json["customer"].name }}'],
		['={{ $json.customer }}'],
	])('%s: same value both ways, read directly', async (expression) => {
		const out = await readBothWays(expression, items);
		for (const item of out) {
			expect(item.ours).toEqual(item.n8n);
			expect(item.direct).toBe(true);
		}
	});

	it.each([
		['a missing field', '={{ $json.nothing }}', [{ to: '1' }]],
		['a path through a missing object', '={{ $json.customer.name }}', [{ to: '1' }]],
		['a path through text', '={{ $json.to.length }}', [{ to: '1' }]],
		['a null value', '={{ $json.to }}', [{ to: null }]],
		['a Luxon date (n8n gives text)', '={{ $json.when }}', [{ when: DateTime.fromISO('2026-11-30T10:00:00Z') as unknown as IDataObject }]],
		['an object holding a date', '={{ $json.order }}', [{ order: { at: new Date('2026-11-30T10:00:00Z') } as unknown as IDataObject }]],
		['another expression', "={{ $json.to + '0' }}", [{ to: '1' }]],
		['text around the field', '=+{{ $json.to }}', [{ to: '1' }]],
		['another node\'s item', "={{ $('Items').item.json.to }}", [{ to: '1' }]],
		// n8n's expression sandbox refuses these field names and any `.constructor`; they must not be read around it.
		['a field name n8n blocks', '={{ $json.caller }}', [{ caller: '919876543210' }]],
		['a field named like Object.prototype', '={{ $json.constructor }}', [{ constructor: '919876543210' }]],
		['".constructor" in the name', '={{ $json.constructorId }}', [{ constructorId: '919876543210' }]],
		['a bracket key with braces', "={{ $json['x}}'] }}", [{ 'x}}': '1' }]],
		// n8n's isolated evaluator (n8n 2.x's default) refuses or changes these values.
		['an object with a key named like Object.prototype', '={{ $json.lines }}', [{ lines: [{ name: 'Chai', constructor: 'Acme' }] }]],
		['an object flagged __isError', '={{ $json.result }}', [{ result: { __isError: true, message: 'no' } }]],
		['an object with an own __proto__ key', '={{ $json.order }}', [JSON.parse('{"order":{"__proto__":{"x":1},"id":"A"}}') as IDataObject]],
	])('%s: n8n answers', async (_case, expression, input) => {
		const out = await readBothWays(expression, input as IDataObject[]);
		for (const item of out) {
			expect(item.ours).toEqual(item.n8n);
			expect(item.direct).toBe(false);
		}
	});
});

it('an inherited property is never read directly (n8n refuses a function)', () => {
	expect(inputFieldValue([{ json: { to: '1' } }], 0, ['toString'])).toBeUndefined();
	expect(inputFieldValue([{ json: { to: '1' } }], 0, ['__proto__'])).toBeUndefined();
});

describe('used as an AI tool', () => {
	// n8n's tool invocation (getConnectedTools -> makeHandleToolInvocation) gives the tool a context whose input holds
	// the model's arguments while `$json` is the calling node's item: the field must come from n8n, not the input.
	it('reads the calling node\'s item, as n8n does, not the model\'s arguments', () => {
		const reader = new ParameterReader();
		const nodeTypes = { getByName: () => reader, getByNameAndVersion: () => reader, getKnownTypes: () => ({}) } as unknown as INodeTypes;
		const nodes = [
			{ id: '1', name: 'Agent', type: 'agent', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
			{ id: '2', name: 'Tool', type: 'tool', typeVersion: 1, position: [0, 0] as [number, number], parameters: { value: '={{ $json.phone }}' } },
		];
		const workflow = new Workflow({ id: 'w', nodes, connections: { Tool: { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] } }, active: false, nodeTypes, settings: {} });
		const runData = { resultData: { runData: {} }, executionData: { contextData: {}, nodeExecutionStack: [], waitingExecution: {}, waitingExecutionSource: {} } } as unknown as IRunExecutionData;
		const agentItems: INodeExecutionData[] = [{ json: { phone: '+91 98765 43210' } }];
		const agent = workflow.getNode('Agent')!;
		const tool = new SupplyDataContext(
			workflow,
			workflow.getNode('Tool')!,
			{ currentNodeExecutionIndex: 0 } as unknown as IWorkflowExecuteAdditionalData,
			'manual',
			runData,
			0,
			agentItems,
			{},
			NodeConnectionTypes.AiTool,
			{ node: agent, data: { main: [agentItems] }, source: null },
			[],
			undefined,
			agent,
		);
		tool.addInputData(NodeConnectionTypes.AiTool, [[{ json: { phone: '+55 11 99999 0000' } }]]);
		const asN8n = tool.getNodeParameter('value', 0);
		expect(asN8n).toBe('+91 98765 43210');
		expect(readParameter(tool as unknown as IExecuteFunctions, 'value', 0)).toBe(asN8n);
	});
});

describe('our node has nothing n8n would validate after evaluating', () => {
	// n8n checks an evaluated value against a parameter's validateType (also inside collections); the direct read
	// would skip that check, so none of the node's parameters may have one.
	it('no parameter has validateType', () => {
		const text = JSON.stringify(new WhatsAppPayments().description);
		expect(text).not.toContain('validateType');
	});
});
