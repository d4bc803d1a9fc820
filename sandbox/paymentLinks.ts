/**
 * Payment link templates (meta-docs enhanced-payment-links.md) as the sandbox takes them: a message that does not
 * keep the page's shape (a header, a second button, the link button not at index 0, ...) is still delivered, as
 * a plain template without the payment bubble (§ Troubleshooting: a template that is not compliant just does not
 * render as one). A compliant one must name one of the account's approved templates and fill its placeholders;
 * then it is kept, and the customer's phone shows a payment bubble when the template and the link are what WhatsApp
 * renders as one (a supported gateway's prefix), or else a plain message with a link button, as WhatsApp would.
 * The refusal codes of a missing template (132001) and of a wrong parameter count (132000) are the Cloud API's
 * general template errors, outside the payments pages (UNCONFIRMED).
 */
import {
	gatewayOfPrefix,
	PAYMENT_LINK_GATEWAYS,
	paymentLinkUrlOf,
	placeholderNames,
	readPaymentLinkTemplate,
	TEMPLATE_PLACEHOLDER,
	validatePaymentLinkTemplateMessage,
} from '../core/paymentLinks';
import { isObject, type JsonObject } from '../core/messageShape';
import { isApprovedTemplateStatus } from '../core/templateStatus';
import { accountTemplate } from './account';
import { metaError } from './metaErrors';
import type { SandboxResponse } from './router';

/** What the customer's phone shows of a payment link template message. */
export interface PaymentLinkView {
	/** The body as the customer reads it: the template's text with its placeholders filled. */
	text: string;
	/** What "Pay now" opens: the template's button prefix + the message's suffix. */
	url: string;
	/** The gateway's name when WhatsApp shows it as a payment (enhanced bubble); null: a plain link button. */
	gateway: string | null;
	/** The amount read from the body (e.g. ₹1,999), when it has one. */
	amount?: string;
}

const objects = (x: unknown): JsonObject[] => (Array.isArray(x) ? x.filter(isObject) : []);
const AMOUNT = /(?:₹|Rs\.?|INR)\s?\d[\d,]*(?:\.\d{1,2})?/i;

/**
 * The sandbox's answer to a url button template message: a refusal, how the phone shows it as a payment link, or
 * undefined: not shaped as a payment link template, kept as a plain template.
 */
export function takePaymentLinkTemplate(body: JsonObject): { refused: SandboxResponse } | { view: PaymentLinkView } | undefined {
	if (!validatePaymentLinkTemplateMessage(body).valid) return undefined;
	const template = body.template as JsonObject;
	const language = isObject(template.language) ? String(template.language.code) : String(template.language);
	const definition = accountTemplate(String(template.name), language);
	if (!definition || !isApprovedTemplateStatus(definition.status)) {
		return {
			refused: metaError(404, { message: '(#132001) Template name does not exist in the translation', code: 132001, details: `template name (${String(template.name)}) does not exist in ${language}` }),
		};
	}
	const components = objects(definition.components);
	const bodyText = String(components.find((c) => c.type === 'BODY')?.text ?? '');
	const values = objects(objects(template.components).find((c) => c.type === 'body')?.parameters).map((p) => String(p.text));
	const placeholders = placeholderNames(bodyText);
	const button = components.filter((c) => c.type === 'BUTTONS').flatMap((c) => objects(c.buttons))[0];
	const buttonUrl = String(button?.url ?? '');
	const dynamicAt = button?.type === 'URL' ? buttonUrl.indexOf('{{') : -1;
	const mismatch =
		values.length !== placeholders.length
			? `body: number of localizable_params (${values.length}) does not match the expected number of params (${placeholders.length})`
			: dynamicAt < 0
				? 'button at index 0: the template has no dynamic URL button to take a parameter'
				: undefined;
	if (mismatch) return { refused: metaError(400, { message: '(#132000) Number of parameters does not match the expected number of params', code: 132000, details: mismatch }) };

	const prefix = buttonUrl.slice(0, dynamicAt);
	const text = bodyText.replace(TEMPLATE_PLACEHOLDER, (_, name: string) => values[placeholders.indexOf(name)]);
	const url = paymentLinkUrlOf(body, prefix) as string;
	// WhatsApp renders the payment bubble only for a fit template whose button opens a supported gateway's link.
	const gateway = readPaymentLinkTemplate(definition).template ? gatewayOfPrefix(prefix) : undefined;
	const amount = AMOUNT.exec(text)?.[0];
	return { view: { text, url, gateway: gateway ? PAYMENT_LINK_GATEWAYS[gateway].name : null, ...(amount ? { amount } : {}) } };
}
