/**
 * The action node's version-2 form as n8n shows it (n8n's own display rules): fields that could only fail or be
 * ignored for the choices made are not offered.
 */
import { NodeHelpers, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';

const description = new WhatsAppPayments().description;
const NODE = { typeVersion: 2 };

/** The names the form shows for these values: top-level properties, and "collection.option" for a collection's options. */
function shown(values: INodeParameters): string[] {
	const read = NodeHelpers.getNodeParameters(description.properties, values, true, false, NODE, description) as INodeParameters;
	const visible = description.properties.filter((p) => NodeHelpers.displayParameter(read, p, NODE, description));
	return visible.flatMap((p) => [
		p.name,
		...(p.type === 'collection' ? (p.options as INodeProperties[]).filter((o) => NodeHelpers.displayParameter(read, o, NODE, description, read)).map((o) => `${p.name}.${o.name}`) : []),
	]);
}

const orderDetails = { resource: 'order', operation: 'sendOrderDetails' };

describe('the version-2 form', () => {
	it('offers the payment lookup options only for bills the lookup can find (India payment gateway, legacy UPI)', () => {
		for (const values of [orderDetails, { ...orderDetails, paymentMethod: 'upiLegacy' }, { resource: 'checkout', operation: 'sendCheckoutTemplate' }]) {
			expect(shown(values)).toEqual(expect.arrayContaining(['sendingLimits.lookupLagBoundMs']));
		}
		expect(shown(orderDetails)).toContain('options.skipOrdersAlreadySent');
		for (const values of [{ ...orderDetails, market: 'brazil' }, { ...orderDetails, paymentMethod: 'upiIntentLink' }, { ...orderDetails, operation: 'sendOrderDetailsTemplate', paymentMethod: 'paymentLink' }]) {
			const names = shown(values);
			expect(names).not.toContain('options');
			expect(names).not.toContain('sendingLimits.lookupLagBoundMs');
			expect(names).toContain('sendingLimits.maxRetries');
		}
	});

	it('offers shipping info on an order details template in India only', () => {
		const template = { ...orderDetails, operation: 'sendOrderDetailsTemplate', goodsType: 'physical-goods' };
		expect(shown(template)).toEqual(expect.arrayContaining(['additionalFields.sendShippingInfo', 'additionalFields.shippingAddresses']));
		expect(shown({ ...template, market: 'brazil' }).filter((name) => /shipping(Info|Addresses)/.test(name))).toEqual([]);
	});

	it('offers quick reply payloads for one product only and buyer addresses for physical goods only (checkout button)', () => {
		const checkout = { resource: 'checkout', operation: 'sendCheckoutTemplate' };
		expect(shown(checkout)).toEqual(expect.arrayContaining(['additionalFields.quickReplyPayloads', 'additionalFields.shippingAddresses']));
		expect(shown({ ...checkout, products: 'carousel' })).not.toContain('additionalFields.quickReplyPayloads');
		expect(shown({ ...checkout, goodsType: 'digital-goods' })).not.toContain('additionalFields.shippingAddresses');
	});

	it('offers an order status description except on a payment-only update, and the partially shipped spelling with that status', () => {
		const status = { resource: 'order', operation: 'sendOrderStatus' };
		expect(shown(status)).toContain('additionalFields.description');
		expect(shown(status)).not.toContain('options');
		expect(shown({ ...status, status: 'paymentOnly' })).not.toContain('additionalFields.description');
		expect(shown({ ...status, status: 'partially_shipped' })).toContain('options.partiallyShippedSpelling');
	});

	it('keeps each operation\'s fields on its own form when a field they depend on is mapped from the input', () => {
		// n8n shows a property whose `show` meets an expression without reading its other conditions: a `show` rule on
		// Status would put the status template's Options on this form too (its rule is a `hide` for that reason).
		const status = { resource: 'order', operation: 'sendOrderStatus', status: '={{ $json.status }}' };
		const options = description.properties.filter((p) => p.name === 'options' && NodeHelpers.displayParameter(status, p, NODE, description));
		expect(options.map((p) => p.displayOptions?.show?.operation)).toEqual([['sendOrderStatus']]);
		expect(shown(status)).toEqual(expect.arrayContaining(['additionalFields.description', 'options.partiallyShippedSpelling']));
	});

	it('shows only the chosen operation\'s fields when every field the form depends on is mapped from the input', () => {
		const conditions = new Set(description.properties.flatMap((p) => Object.keys(p.displayOptions?.show ?? {})).filter((name) => !['resource', 'operation', '@version'].includes(name)));
		const mapped = Object.fromEntries([...conditions].map((name) => [name, `={{ $json.${name} }}`]));
		const operations = description.properties.filter((p) => p.name === 'operation').flatMap((p) => (p.options ?? []).map((o) => ({ resource: p.displayOptions?.show?.resource?.[0], operation: (o as { value: string }).value })));
		expect(operations.length).toBeGreaterThan(10);
		for (const { resource, operation } of operations) {
			const values = { ...mapped, resource, operation } as INodeParameters;
			const strays = description.properties.filter((p) => NodeHelpers.displayParameter(values, p, NODE, description) && p.displayOptions?.show?.operation && !p.displayOptions.show.operation.includes(operation));
			expect([operation, strays.map((p) => `${p.name} (${String(p.displayOptions?.show?.operation)})`)]).toEqual([operation, []]);
		}
	});

	it('says that the Sending Phone Number is required with the Meta Cloud API, on every form that shows it, without marking it required (360dialog\'s one entry is empty)', () => {
		const numbers = description.properties.filter((p) => p.name === 'phoneNumberId');
		expect(numbers.map((p) => p.displayOptions?.show?.resource?.[0])).toEqual(expect.arrayContaining(['order', 'payment', 'checkout']));
		for (const number of numbers) {
			expect(number.hint).toMatch(/^Required with the Meta Cloud API unless the credential has a Default Phone Number ID/);
			expect(number.required).toBeFalsy();
		}
	});
});
