/**
 * The checkout routes of the sandbox: Meta's business public key and data endpoint endpoints, and the buyer's
 * checkout under /_sandbox/checkout/{reference_id} (docs/sandbox.md).
 */
import type { Router } from '../router';
import type { CheckoutClient } from './client';

export function addCheckoutRoutes(router: Router, checkout: CheckoutClient): void {
	router
		// The order as the checkout shows it now: as sent, or as last re-priced by the endpoint.
		.add('GET', '/_sandbox/checkout/:referenceId', 'control', (r) => checkout.checkoutView(r.params.referenceId))
		// {sub_action: ping | get_coupons | apply_coupon | remove_coupon | apply_shipping, coupon?, selected_address?, tamper?}
		.add('POST', '/_sandbox/checkout/:referenceId', 'control', (r) => checkout.act(r.params.referenceId, r.body))
		// The pages show a form body (form-urlencoded, multipart/form-data); JSON, which the package sent before, is taken too.
		.add('POST', '/:version/:phoneNumberId/whatsapp_business_encryption', 'cloudApi', (r) => checkout.setPublicKey(r.params.phoneNumberId, r.body), { takesForm: true })
		.add('GET', '/:version/:phoneNumberId/whatsapp_business_encryption', 'cloudApi', (r) => checkout.getPublicKey(r.params.phoneNumberId))
		.add('POST', '/:version/:wabaId/payment_configuration/:name', 'cloudApi', (r) => checkout.setDataEndpoint(r.params.name, r.body));
}
