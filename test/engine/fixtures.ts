/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/node-usable-as-tool, @n8n/community-nodes/require-node-api-error -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Test-only node types and a tiny local HTTP server for the harness's own tests.
 * They use the package's real credential type (whatsAppPaymentsApi) so its authenticate runs.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { CREDENTIAL_TYPE } from '../../nodes/shared/credentialType';

/** POSTs each item's json to `<baseUrl>/<path>` with the credential applied; `fail: true` items fail. */
export class EchoNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Echo (test)',
		name: 'echo',
		group: ['transform'],
		version: 1,
		description: 'Sends each item to the local echo server',
		defaults: { name: 'Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: 'echo' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { baseUrl } = await this.getCredentials(CREDENTIAL_TYPE);
		const output: INodeExecutionData[] = [];
		for (const [itemIndex, item] of this.getInputData().entries()) {
			try {
				if (item.json.fail === true) throw new NodeOperationError(this.getNode(), 'Item asked to fail', { itemIndex });
				const path = this.getNodeParameter('path', itemIndex) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
					method: 'POST',
					url: `${baseUrl as string}/${path}`,
					body: item.json,
					json: true,
				})) as IDataObject;
				output.push({ json: response, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!this.continueOnFail()) {
					if (error instanceof NodeOperationError) throw error;
					throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
				}
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}

export const SIGNATURE_HEADER = 'x-test-signature';

export function sign(rawBody: string, secret: string): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * A webhook trigger: GET answers a `challenge` query; POST checks an HMAC of the raw body, emits
 * `body.entries` as items, answers without an execution for `{ ignore: true }`, throws for `{ explode: true }`. Its activation
 * registers the webhook URL with `<baseUrl>/register` and remembers the registration in static data.
 */
export class SignedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Signed Trigger (test)',
		name: 'signedTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Receives signed deliveries',
		defaults: { name: 'Signed Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'deliveries' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'deliveries' },
		],
		properties: [],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getWorkflowStaticData('node').registeredUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { baseUrl } = await this.getCredentials(CREDENTIAL_TYPE);
				const url = this.getNodeWebhookUrl('default');
				await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
					method: 'POST',
					url: `${baseUrl as string}/register`,
					body: { url },
					json: true,
				});
				this.getWorkflowStaticData('node').registeredUrl = url;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').registeredUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		if (this.getWebhookName() === 'setup') return { webhookResponse: req.query.challenge };
		const { appSecret } = await this.getCredentials(CREDENTIAL_TYPE);
		const signature = this.getHeaderData()[SIGNATURE_HEADER];
		if (signature !== sign(req.rawBody.toString('utf8'), appSecret as string)) {
			this.getResponseObject().status(401).send('bad signature');
			return { noWebhookResponse: true };
		}
		const body = this.getBodyData();
		if (body.explode === true) throw new NodeOperationError(this.getNode(), 'Trigger exploded');
		if (body.ignore === true) return { webhookResponse: { ignored: true } };
		return { workflowData: [this.helpers.returnJsonArray(body.entries as IDataObject[])] };
	}
}

export interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/**
 * A local API on 127.0.0.1: records every request; `/fail` answers 500 with a JSON error, anything
 * else echoes `{ path, received: <json body> }`.
 */
export async function startEchoServer(): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
	const requests: RecordedRequest[] = [];
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			const failing = req.url === '/fail';
			res.writeHead(failing ? 500 : 200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(failing ? { error: { message: 'upstream exploded' } } : { path: req.url, received: body ? JSON.parse(body) : null }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
