/**
 * Enhanced payment links (meta-docs enhanced-payment-links.md): a payment gateway's own payment link sent in an
 * approved template whose one dynamic URL button starts with the gateway's URL prefix. WhatsApp shows it as a
 * payment bubble (amount, "Pay now", checkout inside WhatsApp). No order_details: the gateway reports the payment
 * to the merchant as before, WhatsApp sends no payment webhook for it. India only, one link per message.
 */
import { OrderValidationError } from './errors';
import { isObject, templateBodyComponent, templateLanguage, type JsonObject } from './messageShape';
import { isApprovedTemplateStatus } from './templateStatus';
import { templateDefinitions } from './templates';
import type { ValidationError, ValidationResult } from './types';

export type PaymentLinkGateway = 'razorpay' | 'payu' | 'cashfree';

interface GatewayLinks {
	name: string;
	/** § Dynamic URL Prefix Configuration: the button URL prefixes of the gateway's links, as the page lists them. */
	prefixes: readonly string[];
	/** Hosts of the gateway's other pages, to tell "a link of this gateway in another form" from "not a gateway link". */
	domains: readonly string[];
}

export const PAYMENT_LINK_GATEWAYS: Readonly<Record<PaymentLinkGateway, GatewayLinks>> = {
	razorpay: { name: 'Razorpay', prefixes: ['https://rzp.io/rzp/', 'https://rzp.io/i/'], domains: ['rzp.io', 'razorpay.com', 'razorpay.me'] },
	payu: { name: 'PayU', prefixes: ['https://pmny.in/PAYUMN/', 'https://api.payu.in/', 'https://u.payu.in/PAYUMN/'], domains: ['pmny.in', 'payu.in'] },
	cashfree: {
		name: 'Cashfree',
		// The page lists ".../links" without a closing slash: a link continues it with "?code=..." or "/...".
		prefixes: ['https://payments.cashfree.com/links', 'https://payments.cashfree.com/link/', 'https://cfre.in/CSHFRE/'],
		domains: ['cashfree.com', 'cfre.in'],
	},
};

const GATEWAYS = Object.keys(PAYMENT_LINK_GATEWAYS) as PaymentLinkGateway[];

/** An example link for hints: the page's own. */
export const PAYMENT_LINK_EXAMPLE = 'https://rzp.io/i/abc123XYZ';

/** Every supported prefix, per gateway, in words: "Razorpay https://rzp.io/rzp/ or https://rzp.io/i/; PayU ...". */
export const SUPPORTED_PREFIXES = GATEWAYS.map((g) => `${PAYMENT_LINK_GATEWAYS[g].name} ${PAYMENT_LINK_GATEWAYS[g].prefixes.join(' or ')}`).join('; ');

/** The end of a URL's scheme and host: hosts compare without case, the rest exactly. */
const originLength = (url: string): number => {
	const slash = url.indexOf('/', url.indexOf('://') + 3);
	return slash < 0 ? url.length : slash;
};

const startsWithPrefix = (link: string, prefix: string): boolean => {
	const n = originLength(prefix);
	return link.slice(0, n).toLowerCase() === prefix.slice(0, n).toLowerCase() && link.slice(n).startsWith(prefix.slice(n));
};

/**
 * The gateway whose supported prefix this is, when it is one: a listed prefix, or one the page lists without a closing
 * slash followed by "/" (https://payments.cashfree.com/links/{{1}} starts with the listed .../links).
 * UNCONFIRMED: Cashfree .../links/ is our reading of the page's prefix. The page lists .../links and does not say
 * whether a template whose static part is .../links/ counts as it; if Meta matches the prefix literally, such a
 * template shows an ordinary link button. The sandbox classifies with this same function, so no test can tell.
 */
export function gatewayOfPrefix(prefix: string): PaymentLinkGateway | undefined {
	const isListed = (p: string) => startsWithPrefix(prefix, p) && (prefix.length === p.length || (!p.endsWith('/') && prefix.length === p.length + 1 && prefix.endsWith('/')));
	return GATEWAYS.find((g) => PAYMENT_LINK_GATEWAYS[g].prefixes.some(isListed));
}

/** The longest supported prefix a link starts with, and its gateway. */
function supportedPrefixOf(link: string): { gateway: PaymentLinkGateway; prefix: string } | undefined {
	const matches = GATEWAYS.flatMap((gateway) => PAYMENT_LINK_GATEWAYS[gateway].prefixes.filter((p) => startsWithPrefix(link, p)).map((prefix) => ({ gateway, prefix })));
	return matches.sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

const gatewayOfHost = (host: string): PaymentLinkGateway | undefined =>
	GATEWAYS.find((g) => PAYMENT_LINK_GATEWAYS[g].domains.some((d) => host === d || host.endsWith(`.${d}`)));

/** A whole payment link as the template sends it: the template button's prefix, and the rest as the button parameter. */
export interface SplitPaymentLink {
	gateway: PaymentLinkGateway;
	/** The template button's URL prefix (the part before its {{1}}). */
	prefix: string;
	/** The dynamic part: the button's one text parameter. */
	suffix: string;
	/** The URL the customer's "Pay now" opens: prefix + suffix, the link itself. */
	url: string;
}

const PATH = 'paymentLink';
const linkError = (message: string, rule: string): { error: ValidationError } => ({ error: { path: PATH, message, rule } });

/**
 * Splits a whole payment link (e.g. https://rzp.io/i/abc123XYZ) into the button's prefix and suffix (§ Sending
 * Payment Links: "pass only the dynamic portion"). The link must start with a supported prefix of its gateway
 * (§ Payment Link Requirements: direct gateway links, not wrapped or redirected ones) and, when the template's
 * button prefix is known, with that prefix, since WhatsApp opens the template's prefix + the suffix.
 */
export function splitPaymentLink(link: string, buttonPrefix?: string): { value: SplitPaymentLink } | { error: ValidationError } {
	const trimmed = link.trim();
	if (trimmed === '') return linkError(`is empty: paste the link your payment gateway created, e.g. ${PAYMENT_LINK_EXAMPLE}`, 'required');
	let host: string;
	try {
		if (/\s/.test(trimmed)) throw new Error('space');
		const parsed = new URL(trimmed);
		if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('scheme');
		host = parsed.hostname.toLowerCase();
	} catch {
		return linkError(`"${trimmed}" is not a link: paste the whole payment link, e.g. ${PAYMENT_LINK_EXAMPLE}`, 'url');
	}
	if (!trimmed.toLowerCase().startsWith('https://')) {
		return linkError(`${trimmed} must start with https:// (use the link exactly as your payment gateway gave it)`, 'https');
	}
	const supported = supportedPrefixOf(trimmed);
	if (!supported) {
		const gateway = gatewayOfHost(host);
		if (gateway) {
			const { name, prefixes } = PAYMENT_LINK_GATEWAYS[gateway];
			return linkError(
				`${trimmed} is a ${name} address but not a ${name} payment link WhatsApp shows as a payment: those start with ${prefixes.join(' or ')}. ` +
					'Create a payment link in your gateway (live mode: test-mode links do not show as payments) and use it as given.',
				'prefix',
			);
		}
		return linkError(
			`${trimmed} is not a direct Razorpay, PayU or Cashfree payment link. WhatsApp shows the payment bubble only for the gateway's own link ` +
				`(e.g. ${PAYMENT_LINK_EXAMPLE}): use the link as the gateway created it, not one under your own domain, a link shortener or a redirect.`,
			'gateway',
		);
	}
	const prefix = buttonPrefix ?? supported.prefix;
	if (!startsWithPrefix(trimmed, prefix)) {
		return linkError(
			`${trimmed} does not start with the template button's URL ${prefix}, so "Pay now" would open a wrong address: ` +
				`choose a template whose button URL is ${supported.prefix}{{1}}`,
			'templatePrefix',
		);
	}
	const suffix = trimmed.slice(prefix.length);
	if (suffix === '') return linkError(`${trimmed} ends where the gateway's prefix ends: the link's own ID is missing`, 'suffix');
	return { value: { gateway: supported.gateway, prefix, suffix, url: prefix + suffix } };
}

// ---------------------------------------------------------------- the template's definition

/** A template definition fit for payment links (§ Template Requirements), as the node and the sandbox read it. */
export interface PaymentLinkTemplate {
	name: string;
	language: string;
	gateway: PaymentLinkGateway;
	/** Its dynamic URL button's prefix, e.g. https://rzp.io/i/. */
	buttonPrefix: string;
	/** The distinct placeholders of its body ({{1}}, {{2}} or named ones). */
	bodyPlaceholders: number;
}

const MEDIA_HEADERS = new Set(['IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION']);
/** A template text's placeholder: {{1}} or a named one, {{name}}. */
export const TEMPLATE_PLACEHOLDER = /\{\{\s*([^}\s]+)\s*\}\}/g;
const upper = (x: unknown) => String(x ?? '').toUpperCase();
/** The distinct placeholder names of a template text, in their first order. */
export const placeholderNames = (text: unknown): string[] => [...new Set([...String(text ?? '').matchAll(TEMPLATE_PLACEHOLDER)].map((m) => m[1]))];
const placeholdersIn = (text: unknown): number => placeholderNames(text).length;

/**
 * A template definition (Graph API message_templates: components HEADER, BODY, BUTTONS) read as a payment link
 * template, or the problems that keep WhatsApp from showing it as one (§ Template Requirements, § Limitations):
 * not approved, a header, other than exactly one button, a button that is not a dynamic URL button, or a button
 * URL prefix that is not one of a supported gateway (§ Dynamic URL Prefix Configuration). Any header: the table's
 * Header row says "None" (naming media headers as the example), § Prerequisites "configured with no header",
 * § Limitations "No header components allowed", § Troubleshooting "No header".
 */
export function readPaymentLinkTemplate(definition: unknown): { template?: PaymentLinkTemplate; problems: string[] } {
	if (!isObject(definition)) return { problems: ['is not a template'] };
	const problems: string[] = [];
	if (!isApprovedTemplateStatus(definition.status)) problems.push(`is not approved yet (status ${upper(definition.status) || 'unknown'})`);
	const components = Array.isArray(definition.components) ? definition.components.filter(isObject) : [];
	for (const header of components.filter((c) => upper(c.type) === 'HEADER')) {
		const format = upper(header.format);
		problems.push(`has ${MEDIA_HEADERS.has(format) ? `a media header (${format})` : 'a text header'}; a payment link template has no header`);
	}
	const buttons = components.filter((c) => upper(c.type) === 'BUTTONS').flatMap((c) => (Array.isArray(c.buttons) ? c.buttons.filter(isObject) : []));
	let buttonPrefix: string | undefined;
	if (buttons.length !== 1) {
		problems.push(`has ${buttons.length} buttons; a payment link template has exactly one, a "Visit website" button with a dynamic URL`);
	} else if (upper(buttons[0].type) !== 'URL') {
		problems.push(`has a button of type ${upper(buttons[0].type) || 'none'}, not a "Visit website" (URL) button`);
	} else {
		const url = String(buttons[0].url ?? '');
		const at = url.indexOf('{{');
		if (at < 0) problems.push(`has a static button URL (${url}); its URL type must be Dynamic, e.g. https://rzp.io/i/{{1}}`);
		else if (!gatewayOfPrefix(url.slice(0, at))) problems.push(`has the button URL prefix ${url.slice(0, at)}, which is not a supported one: ${SUPPORTED_PREFIXES}`);
		else buttonPrefix = url.slice(0, at);
	}
	const name = String(definition.name ?? '');
	const language = String(definition.language ?? '');
	if (problems.length > 0 || buttonPrefix === undefined) return { problems };
	const bodyPlaceholders = components.filter((c) => upper(c.type) === 'BODY').reduce((n, c) => n + placeholdersIn(c.text), 0);
	return { template: { name, language, gateway: gatewayOfPrefix(buttonPrefix) as PaymentLinkGateway, buttonPrefix, bodyPlaceholders }, problems };
}

/** The approved templates of a listing fit for payment links, sorted by name then language (the node's dropdown). */
export function paymentLinkTemplates(listing: unknown): PaymentLinkTemplate[] {
	return templateDefinitions(listing)
		.map((definition) => readPaymentLinkTemplate(definition).template)
		.filter((t): t is PaymentLinkTemplate => t !== undefined && t.name !== '' && t.language !== '')
		.sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
}

// ---------------------------------------------------------------- the message

export interface PaymentLinkTemplateInput {
	to: string;
	templateName: string;
	languageCode: string;
	/** Texts of the body placeholders, in order: § Best Practices asks for the amount and order details there. */
	bodyParameters?: string[];
	/** The whole link, as the gateway created it. */
	paymentLink: string;
}

const PARAMETERS_PATH = 'bodyParameters';

/**
 * The template message of § Sending Payment Links: body parameters, then exactly one button component (sub_type
 * url, index "0") whose one text parameter is the link's suffix, no header (§ Button Component, § Limitations).
 * With the template's definition, its compliance, the body placeholder count and the link's prefix are checked
 * against it. Throws an OrderValidationError naming every broken rule; nothing invalid is returned.
 */
export function buildPaymentLinkTemplateMessage(input: PaymentLinkTemplateInput, definition?: unknown): { message: JsonObject; link: SplitPaymentLink } {
	const errors: ValidationError[] = [];
	let template: PaymentLinkTemplate | undefined;
	if (definition !== undefined) {
		const read = readPaymentLinkTemplate(definition);
		template = read.template;
		const label = `${input.templateName} (${input.languageCode})`;
		errors.push(...read.problems.map((problem) => ({ path: 'template', message: `${label} ${problem}`, rule: 'paymentLinkTemplate' })));
		const given = input.bodyParameters?.length ?? 0;
		if (template && given !== template.bodyPlaceholders) {
			errors.push({ path: PARAMETERS_PATH, message: `${given} given, the template ${label} has ${template.bodyPlaceholders} body placeholders`, rule: 'count' });
		}
	}
	const body = templateBodyComponent(input.bodyParameters, 'payment link template message');
	input.bodyParameters?.forEach((text, i) => {
		if (String(text).trim() === '') errors.push({ path: `${PARAMETERS_PATH}[${i}]`, message: 'is empty: every body placeholder needs a text', rule: 'bodyParameter' });
	});
	const split = splitPaymentLink(input.paymentLink, template?.buttonPrefix);
	if ('error' in split) errors.push(split.error);
	if (errors.length > 0 || 'error' in split) throw new OrderValidationError(errors, 'payment link template message');
	const components: JsonObject[] = [];
	if (body) components.push(body);
	components.push({ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: split.value.suffix }] });
	const message: JsonObject = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: input.to,
		type: 'template',
		template: { name: input.templateName, language: templateLanguage(input.languageCode), components },
	};
	const result = validatePaymentLinkTemplateMessage(message);
	if (!result.valid) throw new OrderValidationError(result.errors, 'payment link template message');
	return { message, link: split.value };
}

/** A payment link template message: a template with a button component of sub_type url (what the sandbox and the spec test look for). */
export const isPaymentLinkTemplateMessage = (x: unknown): boolean =>
	isObject(x) && isObject(x.template) && Array.isArray(x.template.components) && x.template.components.some((c) => isObject(c) && c.type === 'button' && c.sub_type === 'url');

const nonEmptyText = (x: unknown): boolean => isObject(x) && x.type === 'text' && typeof x.text === 'string' && x.text.trim() !== '';

/**
 * The message's own rules (§ Sending Payment Links, § Button Component, § Limitations): messaging_product, to, a
 * template name and language; text body parameters; no header component; exactly one button component (one link
 * per message) with sub_type "url", index "0" (the number 0 accepted too) and exactly one non-empty text parameter.
 */
export function validatePaymentLinkTemplateMessage(x: unknown): ValidationResult {
	const errors: ValidationError[] = [];
	const add = (path: string, message: string, rule: string) => errors.push({ path, message, rule });
	if (!isObject(x)) return { valid: false, errors: [{ path: '', message: 'must be an object', rule: 'type' }] };
	if (x.messaging_product !== 'whatsapp') add('/messaging_product', 'must be "whatsapp"', 'required');
	if (typeof x.to !== 'string' || x.to.trim() === '') add('/to', 'is required', 'required');
	if (x.type !== undefined && x.type !== 'template') add('/type', 'must be "template"', 'enum');
	const template = isObject(x.template) ? x.template : {};
	if (typeof template.name !== 'string' || template.name === '') add('/template/name', 'is required', 'required');
	const language = isObject(template.language) ? template.language.code : template.language;
	if (typeof language !== 'string' || language === '') add('/template/language/code', 'is required', 'required');
	const components = Array.isArray(template.components) ? template.components : [];
	components.forEach((component, i) => {
		const at = `/template/components/${i}`;
		if (!isObject(component)) add(at, 'must be an object', 'type');
		else if (component.type === 'header') add(at, 'a payment link template has no header', 'noHeader');
		else if (component.type === 'body') {
			const parameters = Array.isArray(component.parameters) ? component.parameters : [];
			parameters.forEach((p, j) => {
				if (!nonEmptyText(p)) add(`${at}/parameters/${j}`, 'must be {type: "text", text} with a text', 'bodyParameter');
			});
		}
	});
	const buttons = components.map((c, i) => ({ c, i })).filter(({ c }) => isObject(c) && c.type === 'button');
	if (buttons.length !== 1) add('/template/components', `must hold exactly one button component (the payment link), not ${buttons.length}`, 'oneButton');
	for (const { c, i } of buttons) {
		const button = c as JsonObject;
		const at = `/template/components/${i}`;
		if (button.sub_type !== 'url') add(`${at}/sub_type`, 'must be "url"', 'enum');
		if (button.index !== '0' && button.index !== 0) add(`${at}/index`, 'must be "0", the template\'s one button', 'enum');
		const parameters = Array.isArray(button.parameters) ? button.parameters : [];
		if (parameters.length !== 1 || !nonEmptyText(parameters[0])) add(`${at}/parameters`, 'must be one {type: "text", text} holding the link\'s dynamic part', 'linkParameter');
	}
	return { valid: errors.length === 0, errors };
}

/** The URL a payment link template message opens: the template's button prefix + the message's button text. */
export function paymentLinkUrlOf(message: unknown, buttonPrefix: string): string | undefined {
	if (!isObject(message) || !isObject(message.template) || !Array.isArray(message.template.components)) return undefined;
	const button = message.template.components.find((c) => isObject(c) && c.type === 'button' && c.sub_type === 'url');
	const parameter = isObject(button) && Array.isArray(button.parameters) ? button.parameters[0] : undefined;
	return isObject(parameter) && typeof parameter.text === 'string' ? buttonPrefix + parameter.text : undefined;
}
