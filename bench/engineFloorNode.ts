/* eslint-disable @n8n/community-nodes/node-usable-as-tool -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Bench-only node type: the least an n8n node can do to send the bills. It POSTs each input item's
 * finished `message` through n8n's own helper (httpRequestWithAuthentication with our credential),
 * with our node's default concurrency. Our node measured against it shows what our node itself costs, apart
 * from what n8n's engine and HTTP helper cost every node. The parameters that are set are read for each item and
 * not used: set to the expressions of our node's workflow, the floor also pays what n8n's evaluation of them costs.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { apiBaseUrl, messagesPath, type ProviderSettings } from '../core/providers';
import { DEFAULT_CONCURRENCY } from '../nodes/WhatsAppPayments/shared/pacing';
import { CREDENTIAL_TYPE } from '../nodes/shared/credentialType';

/** Parameters the floor reads for each item (and ignores), as our node reads its fields. */
export const FLOOR_PARAMETERS = ['to', 'referenceId', 'itemsJson'];

export class EngineFloorNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Engine Floor (bench)',
		name: 'engineFloor',
		group: ['output'],
		version: 1,
		description: 'POSTs each item.message with n8n\'s HTTP helper, nothing else',
		defaults: { name: 'Engine Floor' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: FLOOR_PARAMETERS.map((name) => ({ displayName: name, name, type: 'string', default: '' })),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const settings = { provider: 'cloudApi', phoneNumberId: credentials.phoneNumberId, apiVersion: credentials.apiVersion, baseUrl: credentials.baseUrl } as ProviderSettings;
		const url = `${apiBaseUrl(settings)}${messagesPath(settings)}`;
		const items = this.getInputData();
		const parameters = this.getNode().parameters;
		const toRead = FLOOR_PARAMETERS.filter((name) => parameters[name] !== undefined && parameters[name] !== '');
		const output: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const index = next++;
				for (const name of toRead) this.getNodeParameter(name, index);
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
					method: 'POST',
					url,
					body: items[index].json.message as IDataObject,
					json: true,
				})) as IDataObject;
				output[index] = { json: response, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: DEFAULT_CONCURRENCY }, worker));
		return [output];
	}
}
