import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsCollection } from '../../shared/pacing';
import { readParameter } from '../../shared/parameters';
import { readSwitch } from '../../shared/values';
import { configurationItem, fetchPaymentConfigurations } from '../../shared/paymentConfiguration';
import type { WhatsAppApi } from '../../transport';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: true, description: 'Whether to return all results or only up to a given limit' },
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	...optionsCollection(),
];

export const description = forOperation({ show: { resource: ['paymentConfiguration'], operation: ['getAll'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): { limit: number | null } {
	if (readSwitch(this, 'returnAll', itemIndex, true)) return { limit: null };
	// An expression can give anything: -1 used to drop the last configuration, "abc" or 0 to return none.
	const value = readParameter<unknown>(this, 'limit', itemIndex, 50);
	const limit = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(this.getNode(), `limit: must be a whole number of at least 1, not ${JSON.stringify(value) ?? String(value)}`, { itemIndex });
	}
	return { limit };
}

/** One output item per payment configuration of the WABA. */
export async function execute(this: IExecuteFunctions, request: { limit: number | null }, api: WhatsAppApi, itemIndex: number): Promise<IDataObject[]> {
	const configurations = await fetchPaymentConfigurations(api, itemIndex);
	return (request.limit === null ? configurations : configurations.slice(0, request.limit)).map((c) => configurationItem(this, c));
}
