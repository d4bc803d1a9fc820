import { OrderValidationError } from '../../core/errors';
import { buildOrderStatusMessage, buildOrderStatusTemplateMessage, canCancel, canTransition, INDIA_STATUS_HEADER_REFUSAL, normalizeOrderStatus, ORDER_STATUSES, validateOrderStatus } from '../../core/orderStatus';
import type { OrderStatus, OrderStatusInput, ValidationError } from '../../core/types';

const PARAMETERS = '/interactive/action/parameters';

/** A valid order_status message, as the seed shows it (plus messaging_product). */
function message(parameters: Record<string, unknown> = { reference_id: 'order-1001', order: { status: 'processing' } }) {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: '919876543210',
		type: 'interactive',
		interactive: { type: 'order_status', body: { text: 'Your order is being prepared' }, action: { name: 'review_order', parameters } },
	};
}

const input = (over: Partial<OrderStatusInput> = {}): OrderStatusInput => ({
	to: '919876543210',
	referenceId: 'order-1001',
	status: 'shipped',
	body: 'Your order has shipped',
	...over,
});

const rules = (errors: ValidationError[]) => errors.map((e) => [e.path, e.rule]);

/** Runs a builder expecting OrderValidationError and returns its errors. */
function buildErrors(build: () => unknown): ValidationError[] {
	try {
		build();
	} catch (e) {
		expect(e).toBeInstanceOf(OrderValidationError);
		return (e as OrderValidationError).errors;
	}
	throw new Error('expected OrderValidationError');
}

describe('normalizeOrderStatus', () => {
	it.each([
		['processing', 'processing'],
		['  Shipped ', 'shipped'],
		['partially_shipped', 'partially_shipped'],
		['partially-shipped', 'partially_shipped'],
		['Partially Shipped', 'partially_shipped'],
		['PARTIALLY-SHIPPED', 'partially_shipped'],
		['completed', 'completed'],
		['canceled', 'canceled'],
		['cancelled', 'canceled'],
		['pending', 'pending'],
	])('reads %p as %p', (given, expected) => {
		expect(normalizeOrderStatus(given)).toBe(expected);
	});
	it.each(['', 'done', 'partially', 'shipped!', 'partiallyshipped'])('gives null for %p', (given) => {
		expect(normalizeOrderStatus(given)).toBeNull();
	});
	it('gives null for non-strings', () => {
		expect(normalizeOrderStatus(undefined as unknown as string)).toBeNull();
		expect(normalizeOrderStatus(3 as unknown as string)).toBeNull();
	});
});

describe('canTransition: the whole table', () => {
	/** Expected answer for every pair, written out from the docs (see NEXT_STATUSES for the reading). */
	const allowed: Record<OrderStatus, OrderStatus[]> = {
		pending: ['pending', 'processing', 'partially_shipped', 'shipped', 'completed', 'canceled'],
		processing: ['processing', 'partially_shipped', 'shipped', 'completed', 'canceled'],
		partially_shipped: ['processing', 'partially_shipped', 'shipped', 'completed', 'canceled'],
		shipped: ['processing', 'partially_shipped', 'shipped', 'completed', 'canceled'],
		completed: [],
		canceled: [],
	};
	const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to, allowed[from].includes(to)] as const));

	it('covers all 36 pairs', () => expect(pairs).toHaveLength(36));
	it.each(pairs)('%s -> %s is %p', (from, to, expected) => {
		expect(canTransition(from, to)).toBe(expected);
	});
	it('reads either spelling of partially shipped on both sides', () => {
		expect(canTransition('partially-shipped', 'shipped')).toBe(true);
		expect(canTransition('processing', 'Partially-Shipped')).toBe(true);
		expect(canTransition('completed', 'partially-shipped')).toBe(false);
	});
	it('is false when either status is unknown', () => {
		expect(canTransition('unknown', 'shipped')).toBe(false);
		expect(canTransition('pending', 'unknown')).toBe(false);
		expect(canTransition('', '')).toBe(false);
	});
});

describe('canCancel (error 2047)', () => {
	it.each(['captured', 'pending', ' Captured ', 'success'])('refuses with payment status %p, saying why', (status) => {
		const answer = canCancel(status);
		expect(answer.allowed).toBe(false);
		expect(answer.reason).toMatch(/2047/);
	});
	it('tells a pending payment from a paid one: wait for the outcome, or refund through the payment provider (Brazil has no refund API)', () => {
		expect(canCancel('pending').reason).toMatch(/wait for the payment's outcome$/);
		expect(canCancel('pending').reason).not.toMatch(/refund/);
		expect(canCancel('captured').reason).toMatch(/refund the buyer through your payment provider instead$/);
	});
	it.each([null, undefined, '', 'new', 'failed', 'canceled'])('allows with payment status %p', (status) => {
		expect(canCancel(status)).toEqual({ allowed: true });
	});
});

describe('validateOrderStatus', () => {
	it('accepts the seed message, its interactive object, its parameters and stringified parameters', () => {
		const m = message();
		expect(validateOrderStatus(m)).toEqual({ valid: true, errors: [] });
		expect(validateOrderStatus(m.interactive)).toEqual({ valid: true, errors: [] });
		expect(validateOrderStatus(m.interactive.action.parameters)).toEqual({ valid: true, errors: [] });
		expect(validateOrderStatus(JSON.stringify(m.interactive.action.parameters))).toEqual({ valid: true, errors: [] });
	});

	it.each(['processing', 'partially_shipped', 'partially-shipped', 'shipped', 'completed', 'canceled'])('accepts status %p', (status) => {
		expect(validateOrderStatus(message({ reference_id: 'r', order: { status } })).valid).toBe(true);
	});

	// UNCONFIRMED: Brazil's and India's status tables list pending, the India § Order object pending, captured or failed.
	it.each(['pending', 'captured', 'failed'])('accepts status %p alone, as the pages\' other readings list it', (status) => {
		expect(validateOrderStatus(message({ reference_id: 'r', order: { status } }))).toEqual({ valid: true, errors: [] });
	});

	it('builds pending alone, but never captured or failed (no status table or transition has them)', () => {
		const built = buildOrderStatusMessage(input({ referenceId: 'r', status: 'pending' }));
		expect((built as ReturnType<typeof message>).interactive.action.parameters).toEqual({ reference_id: 'r', order: { status: 'pending' } });
		for (const status of ['captured', 'failed']) {
			expect(buildErrors(() => buildOrderStatusMessage(input({ status: status as OrderStatus })))).toEqual([
				{ path: '/status', message: 'must be one of pending, processing, partially_shipped, shipped, completed, canceled', rule: 'enum' },
			]);
		}
	});

	it.each([
		['unknown status', { reference_id: 'r', order: { status: 'delivered' } }, `${PARAMETERS}/order/status`, 'enum'],
		['status in another case (the wire is exact)', { reference_id: 'r', order: { status: 'Shipped' } }, `${PARAMETERS}/order/status`, 'enum'],
		['missing status', { reference_id: 'r', order: {} }, `${PARAMETERS}/order/status`, 'required'],
		['missing order', { reference_id: 'r' }, `${PARAMETERS}/order`, 'required'],
		['missing reference_id', { order: { status: 'shipped' } }, `${PARAMETERS}/reference_id`, 'required'],
		['empty reference_id', { reference_id: '', order: { status: 'shipped' } }, `${PARAMETERS}/reference_id`, 'minLength'],
		['reference_id over 60', { reference_id: 'r'.repeat(61), order: { status: 'shipped' } }, `${PARAMETERS}/reference_id`, 'maxLength'],
		['description over 120', { reference_id: 'r', order: { status: 'canceled', description: 'd'.repeat(121) } }, `${PARAMETERS}/order/description`, 'maxLength'],
		['unknown order field', { reference_id: 'r', order: { status: 'shipped', note: 'x' } }, `${PARAMETERS}/order/note`, 'additionalProperties'],
		['unknown parameter', { reference_id: 'r', order: { status: 'shipped' }, currency: 'INR' }, `${PARAMETERS}/currency`, 'additionalProperties'],
		['payment status outside pending|captured|failed', { reference_id: 'r', order: { status: 'shipped' }, payment: { status: 'new' } }, `${PARAMETERS}/payment/status`, 'enum'],
		['payment without status', { reference_id: 'r', order: { status: 'shipped' }, payment: { timestamp: 1 } }, `${PARAMETERS}/payment/status`, 'required'],
		['payment timestamp as text', { reference_id: 'r', order: { status: 'shipped' }, payment: { status: 'captured', timestamp: '1722445231' } }, `${PARAMETERS}/payment/timestamp`, 'type'],
	])('refuses %s', (_name, parameters, path, rule) => {
		const result = validateOrderStatus(message(parameters));
		expect(result.valid).toBe(false);
		expect(rules(result.errors)).toContainEqual([path, rule]);
	});

	it('counts description and body length in characters, not UTF-16 units', () => {
		const emoji = '📦'.repeat(120); // 240 UTF-16 units, 120 characters
		expect(validateOrderStatus(message({ reference_id: 'r', order: { status: 'shipped', description: emoji } })).valid).toBe(true);
		const m = message();
		m.interactive.body.text = '📦'.repeat(1024);
		expect(validateOrderStatus(m).valid).toBe(true);
	});

	it('accepts a Brazil payment object with each status', () => {
		for (const status of ['pending', 'captured', 'failed']) {
			expect(validateOrderStatus(message({ reference_id: 'r', order: { status: 'processing' }, payment: { status, timestamp: 1722445231 } })).valid).toBe(true);
		}
	});

	it('refuses to cancel over a captured or pending payment (2047) and allows it over a failed one', () => {
		for (const status of ['captured', 'pending']) {
			const result = validateOrderStatus(message({ reference_id: 'r', order: { status: 'canceled' }, payment: { status } }));
			expect(rules(result.errors)).toEqual([[`${PARAMETERS}/order/status`, 'cancel']]);
		}
		expect(validateOrderStatus(message({ reference_id: 'r', order: { status: 'canceled' }, payment: { status: 'failed' } })).valid).toBe(true);
	});

	it('checks the envelope: body.text required and <= 1024, footer <= 60, action name, an image or text header', () => {
		const noBody = message();
		delete (noBody.interactive as Partial<typeof noBody.interactive>).body;
		expect(rules(validateOrderStatus(noBody).errors)).toEqual([['/interactive/body', 'required']]);

		const longBody = message();
		longBody.interactive.body.text = 'x'.repeat(1025);
		expect(rules(validateOrderStatus(longBody).errors)).toEqual([['/interactive/body/text', 'maxLength']]);

		const longFooter = { ...message(), interactive: { ...message().interactive, footer: { text: 'f'.repeat(61) } } };
		expect(rules(validateOrderStatus(longFooter).errors)).toEqual([['/interactive/footer/text', 'maxLength']]);
		const footer = { ...message(), interactive: { ...message().interactive, footer: { text: 'f'.repeat(60) } } };
		expect(validateOrderStatus(footer).valid).toBe(true);

		const wrongAction = message();
		(wrongAction.interactive.action as { name: string }).name = 'review_and_pay';
		expect(rules(validateOrderStatus(wrongAction).errors)).toEqual([['/interactive/action/name', 'const']]);

		const withHeader = { ...message(), interactive: { ...message().interactive, header: { type: 'image', image: { link: 'https://x' } } } };
		expect(validateOrderStatus(withHeader).valid).toBe(true);
		const withBadHeader = { ...message(), interactive: { ...message().interactive, header: { type: 'image', image: {} } } };
		expect(rules(validateOrderStatus(withBadHeader).errors)).toEqual([['/interactive/header/image', 'required']]);
	});

	it('India (market known): a header is refused naming it, as the India pages\' order_status has none; Brazil and an unknown market keep it', () => {
		for (const header of [{ type: 'text', text: 'Order update' }, { type: 'image', image: { link: 'https://x' } }]) {
			const withHeader = { ...message(), interactive: { ...message().interactive, header } };
			expect(validateOrderStatus(withHeader, { market: 'india' }).errors).toEqual([{ path: '/interactive/header', message: INDIA_STATUS_HEADER_REFUSAL, rule: 'market' }]);
			expect(rules(validateOrderStatus(withHeader.interactive, { market: 'india' }).errors)).toEqual([['/header', 'market']]);
			expect(validateOrderStatus(withHeader, { market: 'brazil' }).valid).toBe(true);
			expect(validateOrderStatus(withHeader).valid).toBe(true);
		}
		expect(validateOrderStatus(message(), { market: 'india' }).valid).toBe(true);
	});

	it('never throws on odd input', () => {
		for (const x of [null, undefined, 7, 'not json', [], { interactive: null }, { reference_id: 'r', order: 'shipped' }]) {
			const result = validateOrderStatus(x);
			expect(result.valid).toBe(false);
			expect(result.errors.length).toBeGreaterThan(0);
		}
	});
});

describe('buildOrderStatusMessage', () => {
	it('builds the exact Cloud API body', () => {
		expect(buildOrderStatusMessage(input({ description: 'Out for delivery', footer: 'Thanks!' }))).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '919876543210',
			type: 'interactive',
			interactive: {
				type: 'order_status',
				body: { text: 'Your order has shipped' },
				footer: { text: 'Thanks!' },
				action: { name: 'review_order', parameters: { reference_id: 'order-1001', order: { status: 'shipped', description: 'Out for delivery' } } },
			},
		});
	});

	it('leaves out optional fields that were not given', () => {
		const built = buildOrderStatusMessage(input());
		expect(built.interactive).toEqual({
			type: 'order_status',
			body: { text: 'Your order has shipped' },
			action: { name: 'review_order', parameters: { reference_id: 'order-1001', order: { status: 'shipped' } } },
		});
	});

	it('sends partially shipped as partially_shipped by default, or as configured', () => {
		const statusOf = (built: Record<string, unknown>) => (built as ReturnType<typeof message>).interactive.action.parameters.order;
		for (const given of ['partially_shipped', 'partially-shipped'] as const) {
			expect(statusOf(buildOrderStatusMessage(input({ status: given })))).toEqual({ status: 'partially_shipped' });
			expect(statusOf(buildOrderStatusMessage(input({ status: given }), { partiallyShippedSpelling: 'partially-shipped' }))).toEqual({ status: 'partially-shipped' });
		}
	});

	it('adds the Brazil payment {status, timestamp}', () => {
		const built = buildOrderStatusMessage(input({ status: 'processing', payment: { status: 'captured', timestamp: 1722445231 } }));
		expect((built as ReturnType<typeof message>).interactive.action.parameters).toEqual({
			reference_id: 'order-1001',
			order: { status: 'processing' },
			payment: { status: 'captured', timestamp: 1722445231 },
		});
		const withoutTime = buildOrderStatusMessage(input({ payment: { status: 'failed' } }));
		expect((withoutTime as ReturnType<typeof message>).interactive.action.parameters.payment).toEqual({ status: 'failed' });
	});

	it.each([
		['an unknown status', input({ status: 'delivered' as OrderStatus }), [['/status', 'enum']]],
		['cancel over a captured payment', input({ status: 'canceled', payment: { status: 'captured' } }), [[`${PARAMETERS}/order/status`, 'cancel']]],
		['a long description', input({ description: 'd'.repeat(121) }), [[`${PARAMETERS}/order/description`, 'maxLength']]],
		['an empty body', input({ body: '' }), [['/interactive/body/text', 'minLength']]],
		['a long footer', input({ footer: 'f'.repeat(61) }), [['/interactive/footer/text', 'maxLength']]],
		['no recipient', input({ to: '' }), [['/to', 'minLength']]],
		['no reference id', input({ referenceId: undefined as unknown as string }), [[`${PARAMETERS}/reference_id`, 'required']]],
	])('throws OrderValidationError for %s, naming the path and rule', (_name, given, expected) => {
		expect(rules(buildErrors(() => buildOrderStatusMessage(given)))).toEqual(expected);
	});

	it('refuses an unknown spelling option and a non-object input', () => {
		const badOption = { partiallyShippedSpelling: 'partially shipped' } as unknown as Parameters<typeof buildOrderStatusMessage>[1];
		expect(rules(buildErrors(() => buildOrderStatusMessage(input(), badOption)))).toEqual([['/options/partiallyShippedSpelling', 'enum']]);
		expect(rules(buildErrors(() => buildOrderStatusMessage(null as unknown as OrderStatusInput)))).toEqual([['', 'type']]);
	});

	it('names the offending values in the error message', () => {
		expect(() => buildOrderStatusMessage(input({ description: 'd'.repeat(121) }))).toThrow(/order\/description: must be at most 120 characters/);
	});

	it('gives messages that validateOrderStatus accepts', () => {
		for (const status of ['processing', 'partially-shipped', 'shipped', 'completed', 'canceled'] as const) {
			expect(validateOrderStatus(buildOrderStatusMessage(input({ status, description: 'x' })))).toEqual({ valid: true, errors: [] });
		}
	});

	// Library callers: a null header is no header (it threw a TypeError), template body values are text.
	it('takes a null header as none; template body values that are not text are refused naming them', () => {
		expect(buildOrderStatusMessage(input({ header: null as unknown as undefined })).interactive).not.toHaveProperty('header');
		const template = { to: '919876543210', referenceId: 'IN-ORDER-1001', status: 'shipped' as const, templateName: 'order_update', languageCode: 'en_US' };
		expect(() => buildOrderStatusTemplateMessage({ ...template, bodyParameters: [{ name: 'Asha' }] as unknown as string[] })).toThrow('Invalid order_status input: /bodyParameters/0: must be text (the value of {{1}}), not object');
	});
});
