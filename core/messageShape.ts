/**
 * Finds the `action.parameters` of an interactive order message in whatever form it is given and checks
 * the envelope around them (message, interactive object, template button). Shared by the order_details
 * and order_status validators, which then check the parameters themselves.
 */
import { OrderValidationError } from './errors';
import { childPath } from './schemaErrors';
import type { ValidationError } from './types';

export type InteractiveType = 'order_details' | 'order_status';

/** Which form the input had. */
export type MessageForm = 'message' | 'template' | 'interactive' | 'parameters';

export interface LocatedParameters {
	form: MessageForm;
	/** The parameters (parsed when they were stringified JSON); undefined when they could not be found. */
	parameters: unknown;
	/** JSON pointer of the parameters inside the input ('' when the input was the parameters). */
	path: string;
	/** Problems of the envelope; the parameters themselves are not checked here. */
	errors: ValidationError[];
	/** The interactive message's header, when it has one (the template form's header is a component). */
	header?: unknown;
}

/** Where an interactive message's header is, beside the action whose parameters were located. */
export const headerPathOf = (located: LocatedParameters): string => located.path.replace(/\/action\/parameters$/, '/header');

export const BODY_TEXT_MAX = 1024;
export const FOOTER_TEXT_MAX = 60;

/** Where a template message carries the order parameters. */
interface TemplateSlot {
	/** How the component is described in errors, and how it is recognised. */
	componentLabel: string;
	isComponent: (component: JsonObject) => boolean;
	/** The component parameter's `type`; the parameters sit at parameter[container][key] (or parameter[key] without a container). */
	parameterType: string;
	container: string | null;
	key: string;
}

interface EnvelopeRules {
	actionName: string;
	/** Header types the interactive message may carry. */
	headerTypes: readonly string[];
	template: TemplateSlot;
}

const ENVELOPES: Record<InteractiveType, EnvelopeRules> = {
	order_details: {
		actionName: 'review_and_pay',
		headerTypes: ['image'],
		// india-send-order-details-template-message.md / brazil-send-order-details-template-message.md: the order rides on the button.
		template: {
			componentLabel: 'a button component with sub_type "order_details"',
			isComponent: (c) => c.type === 'button' && c.sub_type === 'order_details',
			parameterType: 'action',
			container: 'action',
			key: 'order_details',
		},
	},
	order_status: {
		actionName: 'review_order',
		// brazil-orders.md § Order status › Interactive object: "header Optional", its shape not given (the India pages'
		// order_status has none: validateOrderStatus refuses it when the market is known).
		// UNCONFIRMED: we accept the interactive header forms an order message can carry, image or text.
		headerTypes: ['image', 'text'],
		// send-order-status-template-message.md § Sending order status template message.
		template: {
			componentLabel: 'a component of type "order_status"',
			isComponent: (c) => c.type === 'order_status',
			parameterType: 'order_status',
			container: null,
			key: 'order_status',
		},
	},
};

/** Longest interactive header text (the Cloud API's interactive header limit). */
export const HEADER_TEXT_MAX = 60;

export type JsonObject = Record<string, unknown>;

export function isObject(x: unknown): x is JsonObject {
	return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * A template's language: the code with the deterministic policy, as the order details, order status and checkout
 * button template pages send it (india-/brazil-send-order-details-template-message.md,
 * send-order-status-template-message.md, checkout-button-templates.md). enhanced-payment-links.md's example, of the
 * same date as three of them, sends the code alone: UNCONFIRMED, payment link templates get the policy too (both
 * forms are accepted on input).
 */
export const templateLanguage = (code: string): JsonObject => ({ policy: 'deterministic', code });

/** A template message to `to`: the approved template `name` in `languageCode`, with its components' values. */
export const templateMessage = (to: string, name: string, languageCode: string, components: JsonObject[]): JsonObject => ({
	messaging_product: 'whatsapp',
	recipient_type: 'individual',
	to,
	type: 'template',
	template: { name, language: templateLanguage(languageCode), components },
});

/**
 * The body component of a template from its {{1}}, {{2}} ... values, none when there are none. A value is text (a
 * finite number is written as text); anything else is refused naming it, before a message with `"text": null` is built.
 */
export function templateBodyComponent(bodyParameters: unknown, what: string): JsonObject | undefined {
	if (bodyParameters === undefined || bodyParameters === null) return undefined;
	if (!Array.isArray(bodyParameters)) throw new OrderValidationError([{ path: '/bodyParameters', message: 'must be a list of texts, one per {{n}} of the template body', rule: 'type' }], what);
	const errors: ValidationError[] = [];
	const parameters = bodyParameters.map((value: unknown, i) => {
		if (typeof value === 'number' && Number.isFinite(value)) return { type: 'text', text: String(value) };
		if (typeof value !== 'string') errors.push({ path: `/bodyParameters/${i}`, message: `must be text (the value of {{${i + 1}}}), not ${value === null ? 'null' : typeof value}`, rule: 'type' });
		return { type: 'text', text: value };
	});
	const overflow = errors.length > 0 ? null : bodyVariablesOverflow(parameters.map((p) => p.text as string));
	if (overflow) errors.push({ path: '/bodyParameters', message: overflow, rule: 'maxLength' });
	if (errors.length > 0) throw new OrderValidationError(errors, what);
	return parameters.length > 0 ? { type: 'body', parameters } : undefined;
}

/** A template body's text limit (checkout-button-templates.md `<MESSAGE_BODY_TEXT>`: "Maximum 1024 characters"). */
export const MAX_TEMPLATE_BODY_TEXT = 1024;

/**
 * Why body variables of these texts cannot fit, or null: a variable "does count against the message body text limit
 * of 1024 characters" (checkout-button-templates.md `<MESSAGE_BODY_TEXT_VARIABLE>`), so together they are at most that,
 * before the template's own text (which the message does not carry).
 */
export function bodyVariablesOverflow(texts: string[]): string | null {
	const characters = texts.reduce((sum, text) => sum + textLength(text), 0);
	return characters > MAX_TEMPLATE_BODY_TEXT ? `come to ${characters} characters of text: with the template's own text they must stay within the body's ${MAX_TEMPLATE_BODY_TEXT}` : null;
}

/** Length in Unicode code points, as WhatsApp (and ajv's maxLength) count characters. */
export function textLength(s: string): number {
	let length = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
		length++;
	}
	return length;
}

/** Collects envelope errors; each check names the field it looked at. */
class EnvelopeCheck {
	readonly errors: ValidationError[] = [];

	add(path: string, message: string, rule: string): void {
		this.errors.push({ path, message, rule });
	}

	/** The object at obj[key], or an error (required / type) and undefined. */
	object(obj: JsonObject, key: string, path: string, required: boolean): JsonObject | undefined {
		const value = obj[key];
		if (value === undefined) {
			if (required) this.add(childPath(path, key), 'is required', 'required');
			return undefined;
		}
		if (!isObject(value)) {
			this.add(childPath(path, key), 'must be an object', 'type');
			return undefined;
		}
		return value;
	}

	constant(obj: JsonObject, key: string, expected: string, path: string, required = true): void {
		const value = obj[key];
		if (value === undefined) {
			if (required) this.add(childPath(path, key), 'is required', 'required');
		} else if (value !== expected) this.add(childPath(path, key), `must be ${JSON.stringify(expected)}`, 'const');
	}

	text(obj: JsonObject, key: string, path: string, max: number, required = true): void {
		const value = obj[key];
		// The field's pointer is written only for a fault: most texts are fine.
		if (value === undefined) {
			if (required) this.add(childPath(path, key), 'is required', 'required');
		} else if (typeof value !== 'string') this.add(childPath(path, key), 'must be a string', 'type');
		else if (value.length === 0) this.add(childPath(path, key), 'must not be empty', 'minLength');
		else if (textLength(value) > max) this.add(childPath(path, key), `must be at most ${max} characters`, 'maxLength');
	}
}

/** Parameters given as stringified JSON (as the docs describe them) are parsed; an object is taken as is. */
function readParameters(value: unknown, path: string, check: EnvelopeCheck): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		check.add(path, 'is a string but not valid JSON', 'json');
		return undefined;
	}
}

function checkHeader(interactive: JsonObject, path: string, rules: EnvelopeRules, check: EnvelopeCheck): void {
	const header = check.object(interactive, 'header', path, false);
	if (!header) return;
	const at = childPath(path, 'header');
	if (!rules.headerTypes.includes(header.type as string)) {
		const types = rules.headerTypes;
		if (header.type === undefined) check.add(childPath(at, 'type'), 'is required', 'required');
		else check.add(childPath(at, 'type'), `must be ${types.map((t) => JSON.stringify(t)).join(' or ')}`, types.length === 1 ? 'const' : 'enum');
		return;
	}
	if (header.type === 'text') {
		check.text(header, 'text', at, HEADER_TEXT_MAX);
		return;
	}
	const image = check.object(header, 'image', at, true);
	if (!image) return;
	const imageAt = childPath(at, 'image');
	const hasLink = typeof image.link === 'string' && image.link.length > 0;
	// UNCONFIRMED: brazil-orders.md § Image object lists only `link`, the India pages and checkout-button-templates.md
	// also send a media `id`; the envelope does not know the order's market, so `id` is accepted in both (the node
	// offers Header Image Media ID in India only).
	const hasId = typeof image.id === 'string' && image.id.length > 0;
	if (!hasLink && !hasId) check.add(imageAt, 'needs a "link" or a media "id"', 'required');
	else if (hasLink && hasId) check.add(imageAt, 'must have either "link" or "id", not both', 'oneOf');
}

/** Checks the interactive object and returns its parameters. */
function locateInInteractive(interactive: JsonObject, path: string, type: InteractiveType, check: EnvelopeCheck): unknown {
	const rules = ENVELOPES[type];
	check.constant(interactive, 'type', type, path);
	checkHeader(interactive, path, rules, check);
	const body = check.object(interactive, 'body', path, true);
	if (body) check.text(body, 'text', childPath(path, 'body'), BODY_TEXT_MAX);
	const footer = check.object(interactive, 'footer', path, false);
	if (footer) check.text(footer, 'text', childPath(path, 'footer'), FOOTER_TEXT_MAX);
	const action = check.object(interactive, 'action', path, true);
	if (!action) return undefined;
	const actionAt = childPath(path, 'action');
	check.constant(action, 'name', rules.actionName, actionAt);
	if (action.parameters === undefined) {
		check.add(childPath(actionAt, 'parameters'), 'is required', 'required');
		return undefined;
	}
	return readParameters(action.parameters, childPath(actionAt, 'parameters'), check);
}

/** Finds the template component that carries the order and its parameters; returns them and their path. */
function locateInTemplate(template: JsonObject, path: string, slot: TemplateSlot, check: EnvelopeCheck): { parameters: unknown; path: string } {
	check.text(template, 'name', path, 512);
	const language = check.object(template, 'language', path, true);
	if (language) check.text(language, 'code', childPath(path, 'language'), Infinity);
	const componentsAt = childPath(path, 'components');
	const components = template.components;
	if (!Array.isArray(components)) {
		check.add(componentsAt, components === undefined ? 'is required' : 'must be an array', components === undefined ? 'required' : 'type');
		return { parameters: undefined, path: componentsAt };
	}
	const componentIndex = components.findIndex((c) => isObject(c) && slot.isComponent(c));
	if (componentIndex < 0) {
		check.add(componentsAt, `needs ${slot.componentLabel}`, 'required');
		return { parameters: undefined, path: componentsAt };
	}
	const componentParameters = (components[componentIndex] as JsonObject).parameters;
	const parametersAt = childPath(childPath(componentsAt, componentIndex), 'parameters');
	const holds = (p: unknown): p is JsonObject => isObject(p) && p.type === slot.parameterType && isObject(slot.container === null ? p : p[slot.container]);
	const parameterIndex = Array.isArray(componentParameters) ? componentParameters.findIndex(holds) : -1;
	if (parameterIndex < 0) {
		const shape = slot.container === null ? `"${slot.key}":{...}` : `"${slot.container}":{"${slot.key}":{...}}`;
		check.add(parametersAt, `needs a parameter {"type":"${slot.parameterType}",${shape}}`, 'required');
		return { parameters: undefined, path: parametersAt };
	}
	let holderAt = childPath(parametersAt, parameterIndex);
	let holder = (componentParameters as JsonObject[])[parameterIndex];
	if (slot.container !== null) {
		holderAt = childPath(holderAt, slot.container);
		holder = holder[slot.container] as JsonObject;
	}
	const orderAt = childPath(holderAt, slot.key);
	if (holder[slot.key] === undefined) {
		check.add(orderAt, 'is required', 'required');
		return { parameters: undefined, path: orderAt };
	}
	return { parameters: readParameters(holder[slot.key], orderAt, check), path: orderAt };
}

/** A message body: it addresses someone or names its product / payload. */
const looksLikeMessage = (x: JsonObject): boolean =>
	'interactive' in x || 'template' in x || 'messaging_product' in x || 'to' in x || 'recipient_type' in x;

/** An interactive object: parameters never carry these envelope fields. */
const looksLikeInteractive = (x: JsonObject): boolean => 'action' in x || 'body' in x || 'header' in x || 'footer' in x;

/**
 * Accepts a whole message body, the `interactive` object, the template message form, or the parameters alone (object or stringified JSON), and returns the parameters with their
 * path and the envelope's errors.
 */
export function locateParameters(x: unknown, interactiveType: InteractiveType): LocatedParameters {
	const check = new EnvelopeCheck();
	const rules = ENVELOPES[interactiveType];
	if (typeof x === 'string') return { form: 'parameters', parameters: readParameters(x, '', check), path: '', errors: check.errors };
	if (!isObject(x)) {
		check.add('', 'must be an object (a message, its interactive object or the action parameters)', 'type');
		return { form: 'parameters', parameters: undefined, path: '', errors: check.errors };
	}
	if (!looksLikeMessage(x)) {
		if (!looksLikeInteractive(x)) return { form: 'parameters', parameters: x, path: '', errors: check.errors };
		const parameters = locateInInteractive(x, '', interactiveType, check);
		return { form: 'interactive', parameters, path: '/action/parameters', errors: check.errors, header: x.header };
	}
	// Optional here: the seeds' own examples omit it. The builders always send it, and the sandbox requires it as the
	// Cloud API does; when present it must be "whatsapp".
	check.constant(x, 'messaging_product', 'whatsapp', '', false);
	check.constant(x, 'recipient_type', 'individual', '', false);
	check.text(x, 'to', '', Infinity);
	const isTemplate = x.type === 'template' || (x.interactive === undefined && x.template !== undefined);
	if (isTemplate) {
		check.constant(x, 'type', 'template', '');
		const template = check.object(x, 'template', '', true);
		if (!template) return { form: 'template', parameters: undefined, path: '/template', errors: check.errors };
		const found = locateInTemplate(template, '/template', rules.template, check);
		return { form: 'template', parameters: found.parameters, path: found.path, errors: check.errors };
	}
	check.constant(x, 'type', 'interactive', '');
	const interactive = check.object(x, 'interactive', '', true);
	const parameters = interactive ? locateInInteractive(interactive, '/interactive', interactiveType, check) : undefined;
	return { form: 'message', parameters, path: '/interactive/action/parameters', errors: check.errors, header: interactive?.header };
}
