import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { checkoutTemplates } from '../../../core/checkoutTemplate';
import { paymentLinkTemplates, PAYMENT_LINK_GATEWAYS } from '../../../core/paymentLinks';
import { messageTemplatesPath, phoneNumbersPath } from '../../../core/providers';
import { orderDetailsTemplates, orderStatusTemplates, templateChoiceValue } from '../../../core/templates';
import { CREDENTIAL_TYPE, DEFAULT_PACING, WhatsAppApi } from '../transport';

/** The API of a dropdown: the business account found from the token when the credential names none. */
const dropdownApi = async (ctx: ILoadOptionsFunctions) => await WhatsAppApi.create(ctx, DEFAULT_PACING, { needsBusinessAccount: true });

/**
 * The editor may ask for a dropdown before the credential it picks for a new node has reached the node, and
 * n8n (2.41.1) does not ask again while that first load is under way: the field then stays on "Error fetching
 * options" until the panel is reopened. Answered with one entry that keeps the field empty instead (the
 * credential's number / no template picked), never an error.
 */
export const NO_CREDENTIAL_YET: INodePropertyOptions[] = [
	{ name: 'Loads With the Credential (Reopen the Node if This Stays)', value: '', description: 'Choose the credential above; the list is loaded with it' },
];

export const hasCredential = (ctx: ILoadOptionsFunctions) => ctx.getNode().credentials?.[CREDENTIAL_TYPE] !== undefined;

/** "Sending Phone Number": the account's numbers (Cloud API GET /{waba-id}/phone_numbers); 360dialog: its key's one number. */
export async function getPhoneNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	if (!hasCredential(this)) return NO_CREDENTIAL_YET;
	const api = await dropdownApi(this);
	if (api.settings.provider === 'dialog360') {
		return [{ name: 'The Number of Your 360dialog API Key', value: '', description: 'A 360dialog API key stands for one number' }];
	}
	const { body } = await api.request({ method: 'GET', path: phoneNumbersPath(api.settings), retry: 'read' });
	const numbers = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	return numbers
		.filter((n) => typeof n.id === 'string' || typeof n.id === 'number')
		.map((n) => ({
			name: [n.display_phone_number, n.verified_name].filter(Boolean).join(' · ') || String(n.id),
			value: String(n.id),
			description: `Phone number ID ${String(n.id)}`,
		}));
}

/**
 * A template dropdown: `entries` of the business account's template listing (Cloud API GET
 * /{waba-id}/message_templates, 360dialog /v1/configs/templates).
 */
async function templateDropdown(ctx: ILoadOptionsFunctions, entries: (listing: IDataObject) => INodePropertyOptions[]): Promise<INodePropertyOptions[]> {
	if (!hasCredential(ctx)) return NO_CREDENTIAL_YET;
	const api = await dropdownApi(ctx);
	return entries((await api.request({ method: 'GET', path: messageTemplatesPath(api.settings), qs: { limit: 200 }, retry: 'read' })).body);
}

/** "Template": the approved templates with an order_details button, name and language in one value. */
export async function getOrderDetailsTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await templateDropdown(this, (listing) => orderDetailsTemplates(listing).map((t) => ({ name: `${t.name} (${t.language})`, value: templateChoiceValue(t) })));
}

/** "Template" of Send Order Status Template: the approved order status templates (sub-category ORDER_STATUS). */
export async function getOrderStatusTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await templateDropdown(this, (listing) => orderStatusTemplates(listing).map((t) => ({ name: `${t.name} (${t.language})`, value: templateChoiceValue(t) })));
}

/** "Template" of Send Payment Link Template: the approved templates fit for payment links, with the gateway their button opens. */
export async function getPaymentLinkTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await templateDropdown(this, (listing) =>
		paymentLinkTemplates(listing).map((t) => ({
			name: `${t.name} (${t.language})`,
			value: templateChoiceValue(t),
			description: `${PAYMENT_LINK_GATEWAYS[t.gateway].name} links: button URL ${t.buttonPrefix}{{1}}`,
		})),
	);
}

/** "Template" of Send Checkout Button Template: the approved templates with a "Buy now" checkout button. */
export async function getCheckoutTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await templateDropdown(this, (listing) =>
		checkoutTemplates(listing).map((t) => ({ name: `${t.name} (${t.language}${t.carousel ? ', carousel' : ''})`, value: templateChoiceValue(t) })),
	);
}
