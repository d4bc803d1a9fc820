/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The action node under test: n8n's real engine (test/engine/harness.ts) running "WhatsApp Payments"
 * against the sandbox over HTTP on 127.0.0.1, with a credential whose token is unique to these tests,
 * so any leak of it into items, errors or logs can be searched for.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WhatsAppCheckoutEndpointApi } from '../../credentials/WhatsAppCheckoutEndpointApi.credentials';
import { WhatsAppPaymentsApi } from '../../credentials/WhatsAppPaymentsApi.credentials';
import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { chain, createEngineHarness, itemsSource, type EngineHarness, type NodeSpec, type WorkflowRunResult } from '../engine/harness';

export const TOKEN = 'node-tests-secret-token-5f1c9e';
export const PHONE_NUMBER_ID = '100000000000001';
export const WABA_ID = '200000000000001';
export const NODE = 'WhatsApp Payments';

/** Fast retries for tests: the policy is the same, only the waits are short. */
export const FAST_RETRIES = { initialRetryDelayMs: 5, maxRequestsPerSecond: 0 };

export interface NodeSettings {
	/** true: "Continue" (regular output); 'errorOutput': "Continue (Using Error Output)". */
	continueOnFail?: boolean | 'errorOutput';
	executeOnce?: boolean;
	/** n8n's "Retry On Fail" with this many tries, none waited between. */
	retryOnFail?: number;
	/**
	 * The node's version: 1 unless told (the first form, which workflows made with it keep; most suites test
	 * behaviour both forms share through it), 2 for the merchant's form (test/node/merchantForm.test.ts).
	 */
	typeVersion?: number;
}

export interface Testbed {
	sandbox: Sandbox;
	harness: EngineHarness;
	/** Runs Items -> WhatsApp Payments with these parameters and input items. */
	run(parameters: INodeParameters, items?: IDataObject[], settings?: NodeSettings): Promise<WorkflowRunResult>;
	/** GET/POST a sandbox control path, e.g. control('GET', '/_sandbox/requests'). */
	control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<any>;
	/** The sandbox's API request log (never control requests). */
	requests(): Promise<Array<{ method: string; path: string; status: number | 'reset'; reference_id?: string; message_type?: string; fault?: string }>>;
	close(): Promise<void>;
}

/** The Cloud API credential of the tests, pointing at `baseUrl`. */
export const cloudCredentials = (baseUrl: string) => ({
	provider: 'cloudApi',
	accessToken: TOKEN,
	phoneNumberId: PHONE_NUMBER_ID,
	businessAccountId: WABA_ID,
	apiVersion: 'v23.0',
	baseUrl,
});

export async function startTestbed(sandboxOptions: SandboxOptions = {}, credentials: IDataObject = {}): Promise<Testbed> {
	const sandbox = await startSandbox({ port: 0, token: TOKEN, ...sandboxOptions });
	const harness = createEngineHarness({
		nodeTypes: [new WhatsAppPayments()],
		credentialTypes: [new WhatsAppPaymentsApi(), new WhatsAppCheckoutEndpointApi()],
		credentials: { whatsAppPaymentsApi: { ...cloudCredentials(sandbox.url), ...credentials } },
	});
	const control = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<any> => {
		const response = await fetch(`${sandbox.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return await response.json();
	};
	return {
		sandbox,
		harness,
		async run(parameters, items = [{}], settings = {}) {
			const node: NodeSpec = {
				name: NODE,
				type: harness.typeName('whatsAppPayments'),
				parameters,
				typeVersion: settings.typeVersion ?? 1,
				...(settings.continueOnFail ? { onError: settings.continueOnFail === 'errorOutput' ? ('continueErrorOutput' as const) : ('continueRegularOutput' as const) } : {}),
				...(settings.executeOnce ? { executeOnce: true } : {}),
				...(settings.retryOnFail ? { retryOnFail: true, maxTries: settings.retryOnFail, waitBetweenTries: 0 } : {}),
			};
			return await harness.runWorkflow({ nodes: [itemsSource(), node], connections: chain('Items', NODE) }, { items });
		},
		control,
		requests: async () => (await control('GET', '/_sandbox/requests')).data,
		close: () => sandbox.close(),
	};
}

/**
 * The test bed of a test file: started before its tests (startTestbed's arguments) and closed after them. Call it
 * at the top of the file; what it returns stands for the bed once started.
 */
export function testbedPerFile(sandboxOptions: SandboxOptions = {}, credentials: IDataObject = {}): Testbed {
	let started: Testbed | undefined;
	beforeAll(async () => {
		started = await startTestbed(sandboxOptions, credentials);
	});
	afterAll(async () => {
		await started?.close();
	});
	const bed = (): Testbed => {
		if (!started) throw new Error('the test bed is used before beforeAll started it');
		return started;
	};
	return {
		get sandbox() {
			return bed().sandbox;
		},
		get harness() {
			return bed().harness;
		},
		run: async (...args) => await bed().run(...args),
		control: async (...args) => await bed().control(...args),
		requests: async () => await bed().requests(),
		close: async () => await bed().close(),
	};
}

export const RECIPIENT = '919876543210';

/** Country of origin and importer of an India item without a catalog (an item row's fields, or Item Defaults). */
export const INDIA_IMPORTER = { countryOfOrigin: 'India', importerName: 'Acme', importerAddressLine1: 'B8', importerCity: 'Delhi', importerZoneCode: 'DL', importerPostalCode: '110093', importerCountryCode: 'IN' };

/** An India Razorpay order (one catalog item) for each input item, its recipient and reference_id from the item's `to` and `ref`. */
export const orderPerInputItem = (options: INodeParameters): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderDetails',
	to: '={{ $json.to }}',
	market: 'india',
	referenceId: '={{ $json.ref }}',
	paymentMethod: 'paymentGateway',
	gateway: 'razorpay',
	paymentConfiguration: { __rl: true, mode: 'list', value: 'razorpay-sandbox' },
	items: { item: [{ name: 'Tea', amount: 99.5, quantity: 1, retailerId: 'tea-1' }] },
	additionalFields: { catalogId: 'catalog-1' },
	taxAmount: 5,
	body: 'Your bill',
	options,
});

/** An order_status update for each input item, its reference_id from the item's `ref`. */
export const statusPerInputItem = (options: INodeParameters, status = 'processing'): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderStatus',
	to: RECIPIENT,
	referenceId: '={{ $json.ref }}',
	status,
	body: `Your order is ${status}`,
	options,
});

/** A reference ID unique within a test run (the sandbox refuses reused ones). */
let counter = 0;
export const newReference = (prefix = 'ORD'): string => `${prefix}-${Date.now().toString(36)}-${++counter}`;
