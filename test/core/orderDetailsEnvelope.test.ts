/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { locateParameters } from '../../core/messageShape';
import { PATTERN_TEXTS, toValidationErrors } from '../../core/schemaErrors';

const SCHEMAS = join(__dirname, '../../core/schemas');
const parameters = { reference_id: 'order-1' };
const interactive = (over: Record<string, unknown> = {}) => ({
	type: 'order_details',
	body: { text: 'Your bill' },
	action: { name: 'review_and_pay', parameters },
	...over,
});
const message = (over: Record<string, unknown> = {}) => ({
	messaging_product: 'whatsapp',
	recipient_type: 'individual',
	to: '5511999990000',
	type: 'interactive',
	interactive: interactive(),
	...over,
});

describe('locateParameters', () => {
	it('finds the parameters in each accepted form', () => {
		expect(locateParameters(parameters, 'order_details')).toEqual({ form: 'parameters', parameters, path: '', errors: [] });
		expect(locateParameters(JSON.stringify(parameters), 'order_details')).toEqual({ form: 'parameters', parameters, path: '', errors: [] });
		expect(locateParameters(interactive(), 'order_details')).toEqual({ form: 'interactive', parameters, path: '/action/parameters', errors: [] });
		expect(locateParameters(message(), 'order_details')).toEqual({ form: 'message', parameters, path: '/interactive/action/parameters', errors: [] });
	});

	it('parses stringified parameters inside a message', () => {
		const found = locateParameters(message({ interactive: interactive({ action: { name: 'review_and_pay', parameters: JSON.stringify(parameters) } }) }), 'order_details');
		expect(found.parameters).toEqual(parameters);
		expect(found.errors).toEqual([]);
	});

	it('finds the parameters of the template form', () => {
		const template = {
			messaging_product: 'whatsapp',
			to: '919999999999',
			type: 'template',
			template: {
				name: 'bill',
				language: { code: 'en_US' },
				components: [
					{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] },
					{ type: 'button', sub_type: 'order_details', index: 0, parameters: [{ type: 'action', action: { order_details: parameters } }] },
				],
			},
		};
		expect(locateParameters(template, 'order_details')).toEqual({
			form: 'template',
			parameters,
			path: '/template/components/1/parameters/0/action/order_details',
			errors: [],
		});
		const noButton = { ...template, template: { ...template.template, components: [template.template.components[0]] } };
		expect(locateParameters(noButton, 'order_details').errors).toEqual([
			{ path: '/template/components', message: 'needs a button component with sub_type "order_details"', rule: 'required' },
		]);
	});

	it.each([
		['messaging_product wrong', message({ messaging_product: 'sms' }), '/messaging_product', 'const'],
		['recipient_type wrong', message({ recipient_type: 'group' }), '/recipient_type', 'const'],
		['to missing', message({ to: undefined }), '/to', 'required'],
		['type wrong', message({ type: 'text' }), '/type', 'const'],
		['interactive missing', message({ interactive: undefined }), '/interactive', 'required'],
		['interactive.type wrong', message({ interactive: interactive({ type: 'order_status' }) }), '/interactive/type', 'const'],
		['action.name wrong', message({ interactive: interactive({ action: { name: 'review_order', parameters } }) }), '/interactive/action/name', 'const'],
		['parameters missing', message({ interactive: interactive({ action: { name: 'review_and_pay' } }) }), '/interactive/action/parameters', 'required'],
		['parameters not JSON', message({ interactive: interactive({ action: { name: 'review_and_pay', parameters: '{oops' } }) }), '/interactive/action/parameters', 'json'],
		['body missing', message({ interactive: interactive({ body: undefined }) }), '/interactive/body', 'required'],
		['body.text missing', message({ interactive: interactive({ body: {} }) }), '/interactive/body/text', 'required'],
		['body.text too long', message({ interactive: interactive({ body: { text: 'x'.repeat(1025) } }) }), '/interactive/body/text', 'maxLength'],
		['footer.text too long', message({ interactive: interactive({ footer: { text: 'x'.repeat(61) } }) }), '/interactive/footer/text', 'maxLength'],
		['header without image', message({ interactive: interactive({ header: { type: 'image', image: {} } }) }), '/interactive/header/image', 'required'],
		['header of another type', message({ interactive: interactive({ header: { type: 'text', image: { id: '1' } } }) }), '/interactive/header/type', 'const'],
	])('%s', (_name, input, path, rule) => {
		const errors = locateParameters(input, 'order_details').errors;
		expect(errors).toEqual([expect.objectContaining({ path, rule })]);
	});

	it('accepts the longest texts and both header forms', () => {
		const long = interactive({ body: { text: '\u{1F600}'.repeat(1024) }, footer: { text: 'x'.repeat(60) }, header: { type: 'image', image: { link: 'https://example.com/a.png' } } });
		expect(locateParameters(long, 'order_details').errors).toEqual([]);
		expect(locateParameters(interactive({ header: { type: 'image', image: { id: '123' } } }), 'order_details').errors).toEqual([]);
	});

	it('applies the order_status envelope', () => {
		const status = { type: 'order_status', body: { text: 'Shipped' }, action: { name: 'review_order', parameters } };
		expect(locateParameters(status, 'order_status')).toEqual({ form: 'interactive', parameters, path: '/action/parameters', errors: [] });
		// brazil-orders.md § Order status › Interactive object: an optional header (read as image or text, UNCONFIRMED).
		expect(locateParameters({ ...status, header: { type: 'image', image: { id: '1' } } }, 'order_status').errors).toEqual([]);
		expect(locateParameters({ ...status, header: { type: 'text', text: 'Pedido #1' } }, 'order_status').errors).toEqual([]);
		expect(locateParameters({ ...status, header: { type: 'video', video: { id: '1' } } }, 'order_status').errors).toEqual([
			{ path: '/header/type', message: 'must be "image" or "text"', rule: 'enum' },
		]);
		expect(locateParameters({ ...status, header: { type: 'text', text: 'x'.repeat(61) } }, 'order_status').errors).toEqual([
			{ path: '/header/text', message: 'must be at most 60 characters', rule: 'maxLength' },
		]);
	});
});

describe('toValidationErrors', () => {
	it('names the missing or extra field and words the rule', () => {
		expect(
			toValidationErrors(
				[
					{ instancePath: '/a~1b', schemaPath: '#/required', keyword: 'required', params: { missingProperty: 'c' }, message: "must have required property 'c'" },
					{ instancePath: '', schemaPath: '#/additionalProperties', keyword: 'additionalProperties', params: { additionalProperty: 'x' } },
					{ instancePath: '/name', schemaPath: '#/maxLength', keyword: 'maxLength', params: { limit: 60 } },
					{ instancePath: '/name', schemaPath: '#/if', keyword: 'if', params: { failingKeyword: 'then' } },
				],
				'/base',
			),
		).toEqual([
			{ path: '/base/a~1b/c', message: 'is required', rule: 'required' },
			{ path: '/base/x', message: 'is not an allowed field', rule: 'additionalProperties' },
			{ path: '/base/name', message: 'must be at most 60 characters', rule: 'maxLength' },
		]);
		expect(toValidationErrors(null, '')).toEqual([]);
	});

	it('words every pattern of the schemas in plain words, never as a regular expression', () => {
		const schemas = readdirSync(SCHEMAS).filter((file) => file.endsWith('.schema.json'));
		const patterns = schemas.flatMap((file) => [...readFileSync(join(SCHEMAS, file), 'utf8').matchAll(/"pattern":\s*("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]) as string));
		expect(patterns.length).toBeGreaterThan(0);
		expect(patterns.filter((pattern) => PATTERN_TEXTS[pattern] === undefined)).toEqual([]);
		const [card] = toValidationErrors([{ instancePath: '/last_four_digits', schemaPath: '#/pattern', keyword: 'pattern', params: { pattern: '^[0-9]{4}$' } }], '');
		expect(card.message).toBe('must be 4 digits, e.g. 4242');
	});
});
