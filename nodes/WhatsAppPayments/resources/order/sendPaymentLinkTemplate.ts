/**
 * Send Payment Link Template: a Razorpay, PayU or Cashfree payment link in an approved template with one dynamic
 * URL button, which WhatsApp shows as a payment bubble (meta-docs enhanced-payment-links.md). The rules live in
 * core/paymentLinks.ts; here the form, the template's definition (read once per run) and the send.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildPaymentLinkTemplateMessage, PAYMENT_LINK_EXAMPLE, type PaymentLinkTemplateInput } from '../../../../core/paymentLinks';
import { messagesPath, messageTemplatesPath } from '../../../../core/providers';
import { findTemplateDefinition } from '../../../../core/templates';
import { recipientProperty, readRecipient } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import { readParameter } from '../../shared/parameters';
import type { WhatsAppApi } from '../../transport';
import { readTemplate, templateProperties } from './templateFields';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	recipientProperty,
	...templateProperties(
		'Your approved templates for payment links: no header, one "Visit website" button whose dynamic URL starts with your gateway\'s prefix (e.g. https://rzp.io/i/{{1}})',
		'getPaymentLinkTemplates',
		'payment_link|en_US',
	),
	{
		displayName: 'Payment Link',
		name: 'paymentLink',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${PAYMENT_LINK_EXAMPLE}`,
		hint: 'The whole link from your Razorpay, PayU or Cashfree node or dashboard, as the gateway created it (not a shortened or your own redirect link)',
		description: 'WhatsApp shows it as a payment with the amount and a "Pay now" button; the node puts the part after the template\'s URL prefix in the button',
	},
	...optionsCollection([], 'message'),
];

export const description = forOperation({ show: { resource: ['order'], operation: ['sendPaymentLinkTemplate'] } }, properties);

/** The template's definition is read from the business account (Cloud API: found from the token when the credential names none). */
export const needsBusinessAccount = true;

/** Reads item `itemIndex` and checks it with the core (the link's gateway and form, the body texts) before any request. */
export function prepare(this: IExecuteFunctions, itemIndex: number): PaymentLinkTemplateInput {
	const input: PaymentLinkTemplateInput = {
		// Payment link templates are for India (enhanced-payment-links.md § Limitations): its local numbers are refused.
		to: readRecipient(this, itemIndex, 'india'),
		...readTemplate(this, itemIndex),
		paymentLink: String(readParameter(this, 'paymentLink', itemIndex, '')),
	};
	buildPaymentLinkTemplateMessage(input);
	return input;
}

/** The template listings read in a node run, by API (one per run) and template name: each is read once. */
const listings = new WeakMap<WhatsAppApi, Map<string, Promise<IDataObject>>>();

function templateListing(api: WhatsAppApi, name: string, itemIndex: number): Promise<IDataObject> {
	const byName = listings.get(api) ?? new Map<string, Promise<IDataObject>>();
	listings.set(api, byName);
	let listing = byName.get(name);
	if (!listing) {
		// The Cloud API filters by name; 360dialog lists them all.
		const qs = api.settings.provider === 'cloudApi' ? { name, limit: 200 } : { limit: 200 };
		listing = api.request({ method: 'GET', path: messageTemplatesPath(api.settings), qs, retry: 'read' }, itemIndex).then((r) => r.body);
		// A failed read is not kept: the next item asks again.
		listing.catch(() => byName.delete(name));
		byName.set(name, listing);
	}
	return listing;
}

/** Checks the message against the template's definition (compliance, body placeholders, the button's prefix), then sends it. */
export async function execute(this: IExecuteFunctions, input: PaymentLinkTemplateInput, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const definition = findTemplateDefinition(await templateListing(api, input.templateName, itemIndex), input.templateName, input.languageCode);
	if (!definition) {
		// "template:" reads as the form's label, "Template Name or ID" (shared/labels.ts).
		throw new NodeOperationError(this.getNode(), `template: ${input.templateName} (${input.languageCode}) is not a template of your WhatsApp Business Account`, {
			itemIndex,
			description: 'Pick an approved payment link template from the list, or check the name and language of the one you wrote.',
		});
	}
	const { message, link } = buildPaymentLinkTemplateMessage(input, definition);
	const response = await api.request({ method: 'POST', path: messagesPath(api.settings), body: message as IDataObject, retry: 'write' }, itemIndex);
	const messages = response.body.messages as Array<{ id?: string }> | undefined;
	const contacts = response.body.contacts as Array<{ wa_id?: string }> | undefined;
	return {
		wamid: messages?.[0]?.id ?? null,
		waId: contacts?.[0]?.wa_id ?? null,
		paymentLink: link.url,
		gateway: link.gateway,
		linkSuffix: link.suffix,
		attempts: response.attempts,
		message: message as IDataObject,
		raw: response.body,
	};
}
