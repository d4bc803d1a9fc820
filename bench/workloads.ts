/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * What the bench feeds each measurement: the shared test fixtures where they exist (webhook bodies,
 * valid orders), and the one bill the sending benchmarks send, in the two forms the competitors take it.
 */
import { buildOrderDetailsMessage } from '../core';
import type { OrderDetailsInput, OrderItemInput, OrderOptions } from '../core';
import { brazilOneClickOrder, fixtureNow, paymentVariantMessages } from '../test/fixtures/orders';
import { paymentStatusBatch } from '../test/fixtures/webhooks';

/** A webhook POST body of `count` distinct payment status updates, as the raw bytes Meta signs. */
export function paymentBatchBody(count: number): Buffer {
	return Buffer.from(JSON.stringify(paymentStatusBatch(count)), 'utf8');
}

/** The fixtures' clock: their expirations are valid at this time. */
export const FIXTURE_CLOCK: OrderOptions = { now: fixtureNow };

/** One valid whole message per payment variant (India gateways, UPI, links; Brazil Pix, boleto, One-Click). */
export function validOrders(): object[] {
	return [...Object.values(paymentVariantMessages()), brazilOneClickOrder()];
}

// ---------------------------------------------------------------- the bill every sending benchmark sends

export const RECIPIENT = '919876543210';
export const PAYMENT_CONFIGURATION = 'razorpay-sandbox';
export const BILL_BODY = 'Your bill from Sandbox Store';
export const BILL_TAX = 12;

/** Two lines of an India order without a catalog (so each carries its importer), camelCase as the node reads JSON items. */
export const BILL_ITEMS: OrderItemInput[] = [
	{ retailerId: 'chai-1', name: 'Masala Chai', amount: 120.5, quantity: 2, countryOfOrigin: 'India', importerName: 'Acme Imports Pvt Ltd', importerAddress: { addressLine1: 'B8/733 Nand Nagri', city: 'East Delhi', zoneCode: 'DL', postalCode: '110093', countryCode: 'IN' } },
	{ retailerId: 'mug-1', name: 'Clay Mug', amount: 80, quantity: 1, countryOfOrigin: 'India', importerName: 'Acme Imports Pvt Ltd', importerAddress: { addressLine1: 'B8/733 Nand Nagri', city: 'East Delhi', zoneCode: 'DL', postalCode: '110093', countryCode: 'IN' } },
];

/** A reference unique across the whole bench process (the API refuses a reused one). */
let referenceCounter = 0;
export const nextReference = (): string => `BENCH-${process.pid}-${++referenceCounter}`;

/** The bill as builder input: what our node assembles from its parameters and the item. */
export function billInput(referenceId: string): OrderDetailsInput {
	return {
		to: RECIPIENT,
		market: 'india',
		referenceId,
		items: BILL_ITEMS,
		payment: { type: 'payment_gateway', gateway: 'razorpay', configurationName: PAYMENT_CONFIGURATION },
		tax: { amount: BILL_TAX },
		body: BILL_BODY,
	};
}

/** The bill as the finished Cloud API body: what raw HTTP clients send. */
export const billMessage = (referenceId: string): object => buildOrderDetailsMessage(billInput(referenceId));
