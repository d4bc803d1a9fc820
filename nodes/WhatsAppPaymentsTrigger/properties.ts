import type { INodeProperties } from 'n8n-workflow';

import type { WebhookEventKind } from '../../core/types';
import { REFUND_UPDATE } from '../../core/webhooks';
import type { NumberBounds } from '../shared/numberOption';
import { DEFAULT_MAX_BODY_BYTES } from './delivery';

export const DEFAULT_EVENTS: WebhookEventKind[] = ['payment_status', 'payment_method', 'payment_configuration_update', 'error', 'invalid'];
export const DEFAULT_DEDUPE_HOURS = 168; // Meta retries failed deliveries for up to 7 days.
export const DEFAULT_DEDUPE_MAX_ENTRIES = 10_000;
const DEFAULT_MAX_BODY_MB = DEFAULT_MAX_BODY_BYTES / (1024 * 1024);

/** The numeric options' bounds: the editor enforces them on typed values, triggerLimits on any value. */
export const DEDUPE_HOURS_BOUNDS: NumberBounds = { displayName: 'Deduplication Window (Hours)', min: 1, max: 8760 };
export const DEDUPE_MAX_ENTRIES_BOUNDS: NumberBounds = { displayName: 'Deduplication Memory (Updates)', min: 1, max: 100_000, integer: true };
export const MAX_BODY_MB_BOUNDS: NumberBounds = { displayName: 'Max Body Size (MB)', min: 0.1, max: 100 };

/** The node's Options as read in the webhook (version 1 also holds the payment status filter there). */
export interface TriggerOptions {
	paymentStatuses?: unknown;
	deduplicate?: unknown;
	dedupeWindowHours?: number;
	dedupeMaxEntries?: number;
	maxBodySizeMb?: number;
}

/** The page that walks through the credential and the trigger's webhook, with screenshots. */
export const SETUP_DOCS_URL = 'https://github.com/n8n-nodes-whatsapp-payments/n8n-nodes-whatsapp-payments/blob/main/docs/setup.md';

/**
 * One name for every lookup of a delivery (confirmation.ts confirmPayments): payment status webhooks do not say which
 * configuration a bill went through.
 */
const ONE_CONFIGURATION =
	'Every payment is looked up in this one configuration: a payment of a bill sent through another configuration is not found in it and comes out with confirmation.agrees false';

/** What each word stands for: core/webhooks.ts STAGES_OF_STATUS. */
const PAYMENT_STATUS_OPTIONS = [
	// Kept for the workflows that use it (core/webhooks.ts STAGES_OF_STATUS: the canceled stage, a status saying so).
	{ name: 'Canceled', value: 'canceled', description: "Only a webhook whose status says canceled: Meta's current pages document captured and pending only" },
	{ name: 'Captured', value: 'captured', description: 'Paid (not the later updates of its refunds: Refund Update)' },
	{ name: 'Failed', value: 'failed', description: 'A payment attempt failed (WhatsApp sends it as pending); the buyer may try again' },
	{ name: 'New', value: 'new', description: 'Not paid and no attempt yet (a part of Pending)' },
	{ name: 'Pending', value: 'pending', description: 'Not paid yet: no attempt, or an attempt still going on' },
	{ name: 'Refund Update', value: REFUND_UPDATE, description: 'A paid order whose refunds changed: WhatsApp sends the payment again, captured, with its refund list' },
];

const EVENT_OPTIONS = [
	{ name: 'Configuration Update', value: 'payment_configuration_update', description: 'A payment configuration changed (Active, Needs Connecting, Needs Testing)' },
	{ name: 'Error', value: 'error', description: 'Errors reported by WhatsApp, e.g. 2046 (invalid order status transition) or 2047 (cannot cancel a paid order)' },
	{ name: 'Everything Else', value: 'other', description: 'Other messages and message statuses (sent, delivered, read, ...)' },
	{ name: 'Invalid Part', value: 'invalid', description: 'A part of a signed delivery that could not be read, with the reason' },
	{ name: 'One-Click Payment Method', value: 'payment_method', description: 'Brazil One-Click: the buyer confirmed the card (credential_id) to charge' },
	{ name: 'Payment Status', value: 'payment_status', description: 'A payment was captured, is pending or failed, and so on' },
];

/** The values the lists take (parameters.ts checks an expression's result against them). */
export const PAYMENT_STATUS_VALUES: readonly string[] = PAYMENT_STATUS_OPTIONS.map((option) => option.value);
export const EVENT_VALUES: readonly string[] = EVENT_OPTIONS.map((option) => option.value);

const dedupeAndSizeOptions: INodeProperties[] = [
	{
		displayName: 'Deduplicate Retried Deliveries',
		name: 'deduplicate',
		type: 'boolean',
		default: true,
		description: 'Whether to emit an update only once when WhatsApp delivers it again (it retries for days)',
	},
	{
		displayName: 'Deduplication Memory (Updates)',
		name: 'dedupeMaxEntries',
		type: 'number',
		typeOptions: { minValue: DEDUPE_MAX_ENTRIES_BOUNDS.min, maxValue: DEDUPE_MAX_ENTRIES_BOUNDS.max },
		default: DEFAULT_DEDUPE_MAX_ENTRIES,
		description: 'Most updates remembered at once; the oldest are forgotten first',
	},
	{
		displayName: 'Deduplication Window (Hours)',
		name: 'dedupeWindowHours',
		type: 'number',
		typeOptions: { minValue: DEDUPE_HOURS_BOUNDS.min, maxValue: DEDUPE_HOURS_BOUNDS.max },
		default: DEFAULT_DEDUPE_HOURS,
		description: 'How long an update is remembered after it was first received',
	},
	{
		displayName: 'Max Body Size (MB)',
		name: 'maxBodySizeMb',
		type: 'number',
		typeOptions: { minValue: MAX_BODY_MB_BOUNDS.min, maxValue: MAX_BODY_MB_BOUNDS.max },
		default: DEFAULT_MAX_BODY_MB,
		description: 'Larger deliveries are refused with 413',
	},
];

const withPaymentStatus = { events: ['payment_status'] };

/**
 * Version 2: "Trigger On" chosen by the user (no default), the payment lookup on by default for payment
 * statuses with the status filter beside it, and a verify token made from the node's own ID.
 */
const version2: INodeProperties[] = [
	{
		displayName: `Paste the Production URL above into your Meta app's webhook with the Verify Token below (with the credential's App ID, or on 360dialog, activating the workflow does it for you): see the <a href="${SETUP_DOCS_URL}" target="_blank">setup guide</a>. On 360dialog, "Listen for test event" points the number's webhook at the Test URL until the workflow is activated again: reactivate it after testing.`,
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		description: 'Which updates start the workflow, one item per update',
		options: EVENT_OPTIONS,
	},
	{
		displayName: 'Payment Statuses',
		name: 'paymentStatuses',
		type: 'multiOptions',
		default: [],
		displayOptions: { show: withPaymentStatus },
		description: 'Start only for these payment statuses, e.g. Captured for "paid". Empty: every status. A webhook says captured or pending; Failed picks the pending ones whose transaction failed. To branch paid / failed after the trigger, use the item\'s stage: captured = paid, attempt_failed = failed.',
		options: PAYMENT_STATUS_OPTIONS,
	},
	{
		displayName: 'Confirm With Payment Lookup',
		name: 'confirmWithLookup',
		type: 'boolean',
		default: true,
		displayOptions: { show: withPaymentStatus },
		description:
			'Whether to ask WhatsApp for the payment before starting the workflow and add its answer as "confirmation" ("agrees": false when it contradicts the update). Keep it on: never act on money from the update alone.',
	},
	{
		displayName: 'Payment Configuration Name',
		name: 'paymentConfigurationName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { ...withPaymentStatus, confirmWithLookup: [true] } },
		placeholder: 'e.g. my-razorpay-config',
		description: `The payment configuration your bills use (WhatsApp Manager > Payments); the lookup needs it. ${ONE_CONFIGURATION}.`,
	},
	{
		displayName: 'Verify Token',
		// Not "verifyToken": shown in clear on purpose (the merchant copies it), and n8n's lint masks parameters named like tokens.
		name: 'webhookVerification',
		type: 'string',
		default: '={{ $nodeId }}',
		description:
			'Paste it into the "Verify token" box beside the URL in your Meta app. Made from this node\'s ID; you may type your own. Not needed with the App ID or 360dialog.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: dedupeAndSizeOptions,
	},
];

/** Version 1, kept as it was for the workflows that use it: every event by default, the lookup off, the filter in Options. */
const version1: INodeProperties[] = [
	{
		displayName:
			'Meta: with the credential\'s App ID (its app token is built from it and the App Secret, or given as App Access Token), activating the workflow subscribes your app\'s WhatsApp webhook to this node\'s Production URL (deactivating removes it). Without them, set this URL and the credential\'s Verify Token in your app\'s WhatsApp webhook settings and subscribe to "messages" and "payment_configuration_update". 360dialog: the URL is registered for you on activation.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		default: [...DEFAULT_EVENTS],
		description: 'Which updates start the workflow, one item per update',
		options: EVENT_OPTIONS,
	},
	{
		displayName: 'Confirm With Payment Lookup',
		name: 'confirmWithLookup',
		type: 'boolean',
		default: false,
		description:
			'Whether to look each payment up before emitting its status and attach the authoritative result as "confirmation" (with "agrees": false when it contradicts the webhook). Recommended: never act on the webhook alone.',
	},
	{
		displayName: 'Payment Configuration Name',
		name: 'paymentConfigurationName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { confirmWithLookup: [true] } },
		placeholder: 'my-razorpay-config',
		description: `The payment configuration named in your order_details messages; the lookup path needs it. ${ONE_CONFIGURATION}.`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			...dedupeAndSizeOptions,
			{
				displayName: 'Payment Statuses',
				name: 'paymentStatuses',
				type: 'multiOptions',
				default: [],
				description:
					'Emit only payment statuses of these kinds (empty: all). A webhook says captured or pending; Failed picks the pending ones whose transaction failed. Applies to payment statuses only.',
				options: PAYMENT_STATUS_OPTIONS,
			},
		],
	},
];

/** Each property of a panel shows only on nodes of its versions. */
const onVersions = (versions: number[], properties: INodeProperties[]): INodeProperties[] =>
	properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, '@version': versions } },
	}));

/** 1.1 is version 1 without n8n's binary-data check on every POST (WhatsAppPaymentsTrigger.node.ts). */
export const triggerProperties: INodeProperties[] = [...onVersions([1, 1.1], version1), ...onVersions([2], version2)];
