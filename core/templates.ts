/**
 * Message templates as the Cloud API (GET /{waba-id}/message_templates, `data`) and 360dialog
 * (GET /v1/configs/templates, `waba_templates`) list them, and the ones a bill can be sent in: approved,
 * with an order_details button (meta-docs india-send-order-details-template-message.md § "Creating an
 * order details template using template creation APIs": a BUTTONS component with an ORDER_DETAILS button).
 */
import { isCheckoutTemplateDefinition } from './checkoutTemplate';
import { isObject } from './messageShape';
import { isApprovedTemplateStatus } from './templateStatus';

export interface TemplateChoice {
	name: string;
	language: string;
}

/** The separator of a template choice's value: template names hold only a-z, 0-9 and _. */
const SEPARATOR = '|';

const hasOrderDetailsButton = (components: unknown): boolean =>
	Array.isArray(components) &&
	components.some(
		(component) =>
			isObject(component) &&
			String(component.type).toUpperCase() === 'BUTTONS' &&
			Array.isArray(component.buttons) &&
			component.buttons.some((button) => isObject(button) && String(button.type).toUpperCase() === 'ORDER_DETAILS'),
	);

/** The approved (APPROVED or ACTIVE) templates of a listing that `fit`, sorted by name then language. */
function approvedTemplates(listing: unknown, fit: (t: Record<string, unknown>) => boolean): TemplateChoice[] {
	return templateDefinitions(listing)
		.filter((t) => isApprovedTemplateStatus(t.status) && fit(t))
		.map((t) => ({ name: String(t.name ?? ''), language: String(t.language ?? '') }))
		.filter((t) => t.name !== '' && t.language !== '')
		.sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
}

/** The approved templates with an order_details button (checkout button templates have their own operation). */
export const orderDetailsTemplates = (listing: unknown): TemplateChoice[] => approvedTemplates(listing, (t) => hasOrderDetailsButton(t.components) && !isCheckoutTemplateDefinition(t));

/**
 * The approved order status templates: category UTILITY, sub_category ORDER_STATUS (send-order-status-template-message.md
 * § Creating an order status template). UNCONFIRMED: that the template list carries sub_category (the page shows it on creation).
 */
export const orderStatusTemplates = (listing: unknown): TemplateChoice[] => approvedTemplates(listing, (t) => String(t.sub_category).toUpperCase() === 'ORDER_STATUS');

/** One dropdown value for a template: its name and language together. */
export const templateChoiceValue = (t: TemplateChoice): string => `${t.name}${SEPARATOR}${t.language}`;

/** The name and language of a dropdown value; undefined when it is not one. */
export function parseTemplateChoice(value: string): TemplateChoice | undefined {
	const at = value.lastIndexOf(SEPARATOR);
	if (at <= 0 || at === value.length - 1) return undefined;
	return { name: value.slice(0, at).trim(), language: value.slice(at + 1).trim() };
}

/** Every template definition of a listing, in either provider's envelope. */
export const templateDefinitions = (listing: unknown): Array<Record<string, unknown>> =>
	(isObject(listing) ? (Array.isArray(listing.data) ? listing.data : Array.isArray(listing.waba_templates) ? listing.waba_templates : []) : []).filter(isObject);

/** The definition of the template of this name and language in a listing, if it is there. */
export const findTemplateDefinition = (listing: unknown, name: string, language: string): Record<string, unknown> | undefined =>
	templateDefinitions(listing).find((t) => t.name === name && t.language === language);
