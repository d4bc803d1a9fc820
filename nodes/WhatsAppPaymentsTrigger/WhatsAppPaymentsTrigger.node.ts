import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { parseWebhook, paymentStatusWanted } from '../../core/webhooks';
import { isSubscribeCheck, verifyChallenge } from '../../core/signatures';
import type { InvalidEvent, PaymentStatusEvent, WebhookEvent } from '../../core/types';
import { deliveryBody } from './body';
import { confirmPayments, type PaymentConfirmation } from './confirmation';
import { CREDENTIAL_TYPE, nodeVerifyToken, type TriggerCredentials } from './credentials';
import type { DedupeWindowOptions } from '../../core/dedupe';
import { CredentialCache, credentialScope } from '../shared/credentialCache';
import { throttledLog } from '../shared/throttledLog';
import { dedupeScope, dedupeWindowFor } from './dedupeWindows';
import { checkDelivery } from './delivery';
import { triggerLimits, triggerOptions, triggerSettings, type TriggerSettings } from './parameters';
import { triggerProperties } from './properties';
import { registerWebhook, unregisterWebhook, webhookIsRegistered } from './registration';

/** The decrypted credential of each trigger node, kept between deliveries (why and for how long: shared/credentialCache.ts). */
const credentialCache = new CredentialCache<TriggerCredentials>();
/** The body of the 200 a delivery gets (WhatsApp only looks at the status). */
const DELIVERY_RECEIVED = { received: true };

/**
 * Meta's verification GET: echo the challenge as plain text when the verify token matches, else 403. The
 * credential's own token (older set-ups typed it into the app dashboard) and the node's are both accepted.
 * The node's token needs no credential, and a GET not shaped like the check is refused before any load; the
 * credential's token is read from the kept credential, loaded again after a mismatch like a refused delivery
 * (shared/credentialCache.ts): a changed verify token is read at the first check the kept one fails (unless the
 * credential was loaded in the last 10 s), and a flood of checks with wrong tokens costs one load per 10 s.
 */
async function answerVerification(context: IWebhookFunctions, load: () => Promise<TriggerCredentials>): Promise<IWebhookResponseData> {
	const response = context.getResponseObject();
	const query = context.getQueryData() as Record<string, unknown>;
	let answer = verifyChallenge(query, nodeVerifyToken(context));
	if (!answer.ok && isSubscribeCheck(query)) {
		const checked = await credentialCache.checkWithKept(
			credentialScope(context, CREDENTIAL_TYPE),
			load,
			(credentials) => verifyChallenge(query, credentials.verifyToken ?? ''),
			(check) => check.ok,
		);
		answer = checked.result;
	}
	response.setHeader('X-Content-Type-Options', 'nosniff');
	if (answer.ok) response.status(200).type('text/plain').send(answer.challenge);
	else response.status(403).type('text/plain').send('Forbidden');
	return { noWebhookResponse: true };
}

/** The reason the log counts unreadable updates under. */
const UNREAD_UPDATES = 'unreadable updates';

/**
 * The updates this node emits: chosen kinds, chosen payment statuses, and each update only once. Marks them as seen,
 * so it runs after every parameter was read and checked, and nothing after it may throw (webhook below).
 */
function selectEvents(context: IWebhookFunctions, events: WebhookEvent[], { kinds, statuses, deduplicate }: TriggerSettings, dedupe: DedupeWindowOptions): WebhookEvent[] {
	const wanted = events.filter(
		(event) => kinds.has(event.kind) && (event.kind !== 'payment_status' || paymentStatusWanted(event, statuses)),
	);
	// A signed update that could not be read is otherwise lost without a trace (WhatsApp does not resend an answered delivery).
	const unread = kinds.has('invalid') ? [] : events.filter((event): event is InvalidEvent => event.kind === 'invalid');
	if (unread.length > 0) {
		throttledLog.warn(
			context.logger,
			UNREAD_UPDATES,
			(count) =>
				`WhatsApp Payments Trigger: ${count === 1 ? 'a delivery' : `${count} deliveries`} carried signed updates that could not be read and started nothing (add "Invalid Part" to Trigger On to receive them), e.g. ${unread[0].reason} at ${unread[0].source || '/'}`,
		);
	}
	if (!deduplicate) return wanted;
	const scope = dedupeScope(context.getWorkflow().id, context.getNode().id, context.getMode() === 'manual' ? 'test' : 'production');
	const window = dedupeWindowFor(scope, dedupe);
	const now = Date.now();
	return wanted.filter((event) => !window.seen(event.dedupeKey, now));
}

/** One item: the normalized fields first, then the lookup's confirmation (if any), the update as received last. */
function itemOf(event: WebhookEvent, confirmation: PaymentConfirmation | undefined): IDataObject {
	const { raw, ...fields } = event;
	return { ...fields, ...(confirmation ? { confirmation } : {}), raw } as unknown as IDataObject;
}

export class WhatsAppPaymentsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Payments Trigger',
		name: 'whatsAppPaymentsTrigger',
		icon: { light: 'file:whatsAppPayments.svg', dark: 'file:whatsAppPayments.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n evaluates an expression (in a fresh isolate) on every POST to a version-1 webhook
		// node, to learn whether it takes binary data; for later versions it does not: about a quarter of the
		// CPU a delivery costs inside n8n 2.41 (profile in docs/performance.md).
		// 2: the merchant's panel (properties.ts), also without that check.
		version: [1, 1.1, 2],
		defaultVersion: 2,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow on verified WhatsApp payment webhooks: payment statuses, One-Click payment methods, configuration updates, errors',
		defaults: { name: 'WhatsApp Payments Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			// responseData '': n8n's answer is the node's webhookResponse (without it, n8n would send the text "firstEntryJson").
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Activation fails on a parameter that cannot be read (an option out of bounds, a list with an unknown
				// word), rather than every delivery later.
				const options = triggerOptions(this);
				triggerLimits(this.getNode(), options);
				triggerSettings(this, options);
				return webhookIsRegistered.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return registerWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return unregisterWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const load = async () => await this.getCredentials<TriggerCredentials>(CREDENTIAL_TYPE);
		if (this.getWebhookName() === 'setup') return await answerVerification(this, load);

		const response = this.getResponseObject();
		const options = triggerOptions(this);
		const limits = triggerLimits(this.getNode(), options);
		// A 401 may come from a secret changed since the credential was kept; a 413 does not depend on it.
		const { credentials, result: delivery } = await credentialCache.checkWithKept(
			credentialScope(this, CREDENTIAL_TYPE),
			load,
			async (kept) => await checkDelivery(this.getRequestObject(), kept, limits.maxBodyBytes),
			(check) => check.ok || check.status !== 401,
		);
		if (!delivery.ok) {
			const { status, reason } = delivery;
			throttledLog.warn(this.logger, reason, (count) => `WhatsApp Payments Trigger refused ${count === 1 ? 'a delivery' : `${count} deliveries`} (${status}): ${reason}`);
			response.status(delivery.status).json({ error: delivery.status === 413 ? 'Payload Too Large' : 'Unauthorized' });
			return { noWebhookResponse: true };
		}

		// Every parameter is read here, before any update is marked as seen: one that cannot be read fails the
		// delivery (500, WhatsApp retries it) with an error naming the field, and loses nothing.
		const settings = triggerSettings(this, options);
		const events = selectEvents(this, parseWebhook(deliveryBody(this.getRequestObject(), delivery.rawBody)), settings, limits.dedupe);
		const payments = events.filter((event): event is PaymentStatusEvent => event.kind === 'payment_status');
		if (!settings.lookup || payments.length === 0) {
			// n8n answers (n8n 2.x once it has started the execution): a burst of deliveries faster than n8n runs
			// executions then waits at the sender, as with n8n's Webhook node, instead of piling up inside n8n
			// (docs/performance.md, "The price of answering first").
			if (events.length === 0) return { webhookResponse: DELIVERY_RECEIVED };
			return { workflowData: [this.helpers.returnJsonArray(events.map((event) => itemOf(event, undefined)))], webhookResponse: DELIVERY_RECEIVED };
		}

		// Acknowledge before the lookups: WhatsApp retries slow answers; the lookups only delay the workflow's start.
		response.status(200).json(DELIVERY_RECEIVED);
		// Total: a problem with a lookup (or with the Payment Configuration Name) is reported on the items concerned.
		const results = await confirmPayments.call(this, payments, credentials, settings.configurationName);
		const confirmations = new Map<WebhookEvent, PaymentConfirmation>(payments.map((event, i) => [event, results[i]]));
		const items: INodeExecutionData[] = this.helpers.returnJsonArray(events.map((event) => itemOf(event, confirmations.get(event))));
		return { workflowData: [items], noWebhookResponse: true };
	}
}
