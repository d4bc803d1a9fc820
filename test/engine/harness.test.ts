import { WhatsAppPaymentsApi } from '../../credentials/WhatsAppPaymentsApi.credentials';
import { EchoNode, SIGNATURE_HEADER, SignedTrigger, sign, startEchoServer } from './fixtures';
import { chain, createEngineHarness, itemsSource, textOf } from './harness';
import type { EngineHarness } from './harness';

const ACCESS_TOKEN = 'EAAG-secret-token-never-shown';
const APP_SECRET = 'app-secret-for-signatures';

describe('engine harness', () => {
	let api: Awaited<ReturnType<typeof startEchoServer>>;
	let harness: EngineHarness;

	beforeEach(async () => {
		api = await startEchoServer();
		harness = createEngineHarness({
			nodeTypes: [new EchoNode(), new SignedTrigger()],
			credentialTypes: [new WhatsAppPaymentsApi()],
			credentials: {
				whatsAppPaymentsApi: { provider: 'cloudApi', accessToken: ACCESS_TOKEN, phoneNumberId: '123', baseUrl: api.url, appSecret: APP_SECRET },
			},
		});
	});

	afterEach(async () => {
		await api.close();
	});

	const echoWorkflow = (echo: Record<string, unknown> = {}) => ({
		nodes: [itemsSource('Items'), { name: 'Echo', type: harness.typeName('echo'), ...echo }],
		connections: chain('Items', 'Echo'),
	});

	it('flows the input items through the nodes and applies the credential to real requests', async () => {
		const result = await harness.runWorkflow(echoWorkflow(), { items: [{ n: 1 }, { n: 2 }] });

		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['Items', 'Echo']);
		expect(result.json('Items')).toEqual([{ n: 1 }, { n: 2 }]);
		expect(result.json('Echo')).toEqual([
			{ path: '/echo', received: { n: 1 } },
			{ path: '/echo', received: { n: 2 } },
		]);
		expect(api.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${ACCESS_TOKEN}`, `Bearer ${ACCESS_TOKEN}`]);
		expect(textOf(result.run)).not.toContain(ACCESS_TOKEN);
	});

	it('resolves expressions in node parameters against the items', async () => {
		const result = await harness.runWorkflow(echoWorkflow({ parameters: { path: '={{ "orders/" + $json.id }}' } }), { items: [{ id: 'A7' }] });

		expect(result.json('Echo')).toEqual([{ path: '/orders/A7', received: { id: 'A7' } }]);
	});

	it('stops at a failing node, and continues with the error as item json under continueOnFail', async () => {
		const failing = await harness.runWorkflow(echoWorkflow(), { items: [{ n: 1 }, { fail: true }] });
		expect(failing.status).toBe('error');
		expect(failing.nodes.Echo.error).toMatchObject({ name: 'NodeOperationError', message: 'Item asked to fail', node: 'Echo' });
		expect(failing.error?.message).toBe('Item asked to fail');

		const continuing = await harness.runWorkflow(echoWorkflow({ continueOnFail: true }), { items: [{ n: 1 }, { fail: true }] });
		expect(continuing.status).toBe('success');
		expect(continuing.json('Echo')).toEqual([{ path: '/echo', received: { n: 1 } }, { error: 'Item asked to fail' }]);
	});

	it('routes errors to the error output with onError continueErrorOutput', async () => {
		const result = await harness.runWorkflow(echoWorkflow({ onError: 'continueErrorOutput' }), { items: [{ n: 1 }, { fail: true }] });

		expect(result.status).toBe('success');
		expect(result.json('Echo', 0)).toEqual([{ path: '/echo', received: { n: 1 } }]);
		expect(result.json('Echo', 1)).toEqual([{ fail: true, error: 'Item asked to fail' }]);
	});

	it('reports an API error without the token anywhere in the results', async () => {
		const result = await harness.runWorkflow(echoWorkflow({ parameters: { path: 'fail' } }), { items: [{ n: 1 }] });

		expect(result.status).toBe('error');
		expect(result.nodes.Echo.error).toMatchObject({ name: 'NodeApiError', httpCode: '500', node: 'Echo' });
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
		expect(textOf(result)).not.toContain(ACCESS_TOKEN);
	});

	it('serves the trigger webhooks over HTTP and runs the workflow with the delivered items', async () => {
		const server = await harness.startWebhookServer({
			nodes: [{ name: 'Trigger', type: harness.typeName('signedTrigger') }, { name: 'Echo', type: harness.typeName('echo') }],
			connections: chain('Trigger', 'Echo'),
		});
		try {
			const url = server.webhookUrl('Trigger');
			expect(url).toBe(`${server.url}/webhook/harness-workflow/trigger/deliveries`);

			const handshake = await fetch(`${url}?challenge=1158201444`);
			expect(handshake.status).toBe(200);
			expect(await handshake.text()).toBe('1158201444');

			const body = JSON.stringify({ entries: [{ order: 'A' }, { order: 'B' }] });
			const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
			expect(unsigned.status).toBe(401);
			const ignored = await post(url, JSON.stringify({ ignore: true }));
			expect(await ignored.json()).toEqual({ ignored: true });
			expect(server.executions).toHaveLength(0);

			const delivered = await post(url, body);
			expect(delivered.status).toBe(200);
			expect(await delivered.json()).toEqual({ message: 'Workflow was started' });
			const [result] = await server.settled();
			expect(result.status).toBe('success');
			expect(result.json('Trigger')).toEqual([{ order: 'A' }, { order: 'B' }]);
			expect(result.json('Echo').map((item) => item.received)).toEqual([{ order: 'A' }, { order: 'B' }]);

			expect((await fetch(`${server.url}/webhook/unknown`, { method: 'POST' })).status).toBe(404);
			expect((await post(url, '{not json')).status).toBe(422);
			expect(server.executions).toHaveLength(1);
		} finally {
			await server.close();
		}
	});

	it('answers 500 when the trigger throws, and records an execution that failed at the trigger, like n8n', async () => {
		const server = await harness.startWebhookServer({ nodes: [{ name: 'Trigger', type: harness.typeName('signedTrigger') }] });
		try {
			const response = await post(server.webhookUrl('Trigger'), JSON.stringify({ explode: true }));
			expect(response.status).toBe(500);
			expect(await response.json()).toEqual({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			const [result] = await server.settled();
			expect(result.status).toBe('error');
			expect(result.nodes.Trigger.error?.message).toBe('Trigger exploded');
		} finally {
			await server.close();
		}
	});

	it('activates and deactivates through the webhookMethods, keeping static data', async () => {
		const server = await harness.startWebhookServer({ nodes: [{ name: 'Trigger', type: harness.typeName('signedTrigger') }] });
		try {
			await server.activate();
			await server.activate(); // checkExists now finds the registration
			expect(api.requests.map((request) => [request.url, JSON.parse(request.body)])).toEqual([['/register', { url: server.webhookUrl('Trigger') }]]);
			expect(api.requests[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
			expect(server.staticData['node:Trigger']).toEqual({ registeredUrl: server.webhookUrl('Trigger') });

			await server.deactivate();
			expect(server.staticData['node:Trigger']).toEqual({});
		} finally {
			await server.close();
		}
	});

	it('pushes a few hundred items through one run', async () => {
		const items = Array.from({ length: 250 }, (_, n) => ({ n }));
		const result = await harness.runWorkflow(echoWorkflow(), { items });

		expect(result.json('Echo')).toHaveLength(250);
		expect(result.json('Echo')[249]).toEqual({ path: '/echo', received: { n: 249 } });
	});

	async function post(url: string, body: string): Promise<Response> {
		return await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(body, APP_SECRET) },
			body,
		});
	}
});
