import type { INodeProperties } from 'n8n-workflow';

import type { WebhookEventKind } from '../../core/types';
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

/** The node's parameters as read in the webhook. */
export interface TriggerOptions {
	paymentStatuses?: string[];
	deduplicate?: boolean;
	dedupeWindowHours?: number;
	dedupeMaxEntries?: number;
	maxBodySizeMb?: number;
}

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Meta: with the credential\'s App ID and App Access Token, activating the workflow subscribes your app\'s WhatsApp webhook to this node\'s Production URL (deactivating removes it). Without them, set this URL and the credential\'s Verify Token in your app\'s WhatsApp webhook settings and subscribe to "messages" and "payment_configuration_update". 360dialog: the URL is registered for you on activation.',
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
		options: [
			{ name: 'Configuration Update', value: 'payment_configuration_update', description: 'A payment configuration changed (Active, Needs Connecting, Needs Testing)' },
			{ name: 'Error', value: 'error', description: 'Errors reported by WhatsApp, e.g. 2046 (invalid order status transition) or 2047 (cannot cancel a paid order)' },
			{ name: 'Everything Else', value: 'other', description: 'Other messages and message statuses (sent, delivered, read, ...)' },
			{ name: 'Invalid Part', value: 'invalid', description: 'A part of a signed delivery that could not be read, with the reason' },
			{ name: 'One-Click Payment Method', value: 'payment_method', description: 'Brazil One-Click: the buyer confirmed the card (credential_id) to charge' },
			{ name: 'Payment Status', value: 'payment_status', description: 'A payment was captured, is pending or failed, and so on' },
		],
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
		description: 'The payment configuration named in your order_details messages; the lookup path needs it',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
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
				typeOptions: { minValue: 1, maxValue: 100000 },
				default: DEFAULT_DEDUPE_MAX_ENTRIES,
				description: 'Most updates remembered at once; the oldest are forgotten first',
			},
			{
				displayName: 'Deduplication Window (Hours)',
				name: 'dedupeWindowHours',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 8760 },
				default: DEFAULT_DEDUPE_HOURS,
				description: 'How long an update is remembered after it was first received',
			},
			{
				displayName: 'Max Body Size (MB)',
				name: 'maxBodySizeMb',
				type: 'number',
				typeOptions: { minValue: 0.1, maxValue: 100 },
				default: DEFAULT_MAX_BODY_MB,
				description: 'Larger deliveries are refused with 413',
			},
			{
				displayName: 'Payment Statuses',
				name: 'paymentStatuses',
				type: 'multiOptions',
				default: [],
				description:
					'Emit only payment statuses of these kinds (empty: all). A webhook says captured or pending; Failed picks the pending ones whose transaction failed. Applies to payment statuses only.',
				options: [
					{ name: 'Canceled', value: 'canceled' },
					{ name: 'Captured', value: 'captured' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'New', value: 'new' },
					{ name: 'Pending', value: 'pending' },
				],
			},
		],
	},
];
