/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The WhatsApp Payments Trigger served by the engine harness over real HTTP on 127.0.0.1, and a
 * sender that posts bodies the way WhatsApp does (exact bytes, X-Hub-Signature-256 over them).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { WhatsAppPaymentsApi } from '../../credentials/WhatsAppPaymentsApi.credentials';
import { signBody } from '../../core/signatures';
import { WhatsAppPaymentsTrigger } from '../../nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node';
import { CREDENTIAL_TYPE } from '../../nodes/WhatsAppPaymentsTrigger/credentials';
import { DEFAULT_EVENTS } from '../../nodes/WhatsAppPaymentsTrigger/properties';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { createEngineHarness, type WebhookServer } from '../engine/harness';

export const APP_SECRET = 'test-app-secret-3f9a1c';
export const VERIFY_TOKEN = 'test-verify-token-77b2';
export const ACCESS_TOKEN = 'test-access-token-EAAG-5d1e';
export const SHARED_SECRET = 'test-shared-secret-c41d';
export const TRIGGER = 'Trigger';

/**
 * The sandbox as the sender of the trigger's deliveries, with the tests' secrets. Deliveries wait for an explicit
 * flush, so a test decides what one POST batches, and a failed delivery is not retried.
 */
export function startSenderSandbox(extra: SandboxOptions = {}): Promise<Sandbox> {
	return startSandbox({
		port: 0,
		token: ACCESS_TOKEN,
		appSecret: APP_SECRET,
		webhookBatchMs: 600_000,
		webhookRetry: { attempts: 1, delaysMs: [0] },
		...extra,
	});
}

export interface TriggerUnderTest {
	server: WebhookServer;
	url: string;
	/** How many times the trigger has loaded its credential so far. */
	credentialLoads(): number;
	/** Changes the credential the engine serves from now on (the given fields over the test's defaults). */
	setCredentials(credentials: ICredentialDataDecryptedObject): void;
	/** Posts a body (object -> JSON text) signed with `secret` (default: the app secret; null: unsigned). */
	post(body: unknown, options?: { secret?: string | null; headers?: Record<string, string> }): Promise<Response>;
	/**
	 * The items of every execution, one array per execution, once at least `atLeast` have started (the
	 * trigger answers a delivery before its payment lookups finish, and the execution starts after them).
	 */
	emitted(atLeast?: number): Promise<IDataObject[][]>;
	close(): Promise<void>;
}

let workflowCounter = 0;

/**
 * A fresh trigger in its own workflow (so dedupe windows never leak between tests). Version 2 (the newest)
 * unless told: with the five kinds its "Trigger On" is usually set to and no payment lookup, unless the
 * parameters say otherwise; version 1 with exactly the parameters given (its own defaults for the rest).
 */
export async function startTrigger(
	parameters: INodeParameters = {},
	credentials: ICredentialDataDecryptedObject = {},
	typeVersion: 1 | 2 = 2,
): Promise<TriggerUnderTest> {
	const credentialOf = (fields: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject => ({
		provider: 'cloudApi',
		accessToken: ACCESS_TOKEN,
		phoneNumberId: '106540352242922',
		appSecret: APP_SECRET,
		verifyToken: VERIFY_TOKEN,
		...fields,
	});
	const harness = createEngineHarness({
		nodeTypes: [new WhatsAppPaymentsTrigger()],
		credentialTypes: [new WhatsAppPaymentsApi()],
		credentials: { [CREDENTIAL_TYPE]: credentialOf(credentials) },
	});
	const server = await harness.startWebhookServer({
		id: `trigger-test-${++workflowCounter}`,
		nodes: [
			{
				name: TRIGGER,
				type: harness.typeName('whatsAppPaymentsTrigger'),
				typeVersion,
				parameters: typeVersion === 2 ? { events: DEFAULT_EVENTS, confirmWithLookup: false, ...parameters } : parameters,
			},
		],
	});
	const url = server.webhookUrl(TRIGGER);
	return {
		server,
		url,
		credentialLoads: () => harness.credentialLoads(CREDENTIAL_TYPE),
		setCredentials: (fields) => harness.setCredentials(CREDENTIAL_TYPE, credentialOf(fields)),
		async post(body, options = {}) {
			const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
			const secret = options.secret === undefined ? APP_SECRET : options.secret;
			const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
			if (secret !== null) headers['x-hub-signature-256'] = signBody(raw, secret);
			return await fetch(url, { method: 'POST', body: raw, headers });
		},
		async emitted(atLeast = 0) {
			// A generous deadline (a loaded machine runs executions late), never a timing assertion.
			const deadline = Date.now() + 60_000;
			while (server.executions.length < atLeast && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
			const results = await server.settled();
			return results.map((result) => result.json(TRIGGER));
		},
		async close() {
			await server.close();
		},
	};
}
