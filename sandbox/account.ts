/**
 * The WhatsApp Business Account behind the sandbox's token, as the node's dropdowns read it: which
 * account the token reaches (debug_token), its phone numbers and its message templates. These are Graph
 * API reads outside Meta's payments pages (docs/unconfirmed.md): the shapes follow the public Graph API
 * reference, trimmed to the fields the node reads.
 */
import { CHECKOUT_BUTTON_TEXT, isCheckoutTemplateDefinition } from '../core/checkoutTemplate';
import { safeEqual } from '../core/signatures';
import { ok, type SandboxResponse } from './router';

export interface AccountSettings {
	wabaId: string;
	phoneNumberId: string;
	displayPhoneNumber: string;
	verifiedName: string;
	/** The app the token was made in (debug_token's app_id). */
	appId: string;
	/** The system-user token whose scopes debug_token describes. */
	token: string;
}

/** A second number of the same account, so that choosing one in a dropdown means something. */
const SECOND_NUMBER = { id: '100000000000002', display_phone_number: '+55 11 98765-4321', verified_name: 'Sandbox Store Brasil' };

const orderDetailsButton = (text: string) => ({ type: 'BUTTONS', buttons: [{ type: 'ORDER_DETAILS', text }] });
const urlButton = (text: string, url: string) => ({ type: 'BUTTONS', buttons: [{ type: 'URL', text, url }] });

/**
 * The account's templates: approved ones with an order_details button (in three languages), two the bill dropdown
 * must leave out (one without that button, one not yet approved), and two checkout button templates.
 */
const TEMPLATES = [
	{ name: 'order_bill', language: 'en_US', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order {{1}} is ready. Tap below to pay.' }, orderDetailsButton('Review and Pay')] },
	{ name: 'order_bill', language: 'hi', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'आपका ऑर्डर {{1}} तैयार है।' }, orderDetailsButton('समीक्षा करें और भुगतान करें')] },
	{ name: 'pedido_cobranca', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Seu pedido {{1}} está pronto.' }, orderDetailsButton('Revisar e pagar')] },
	// enhanced-payment-links.md § Example Template Configuration, with Razorpay's prefix: a payment link template
	// (no header, one dynamic URL button); and one with a URL button of the shop's own site, which is not.
	{ name: 'payment_reminder', language: 'en', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi {{1}}, reminder to pay for your order #{{2}}. Amount: ₹{{3}}' }, urlButton('Pay Now', 'https://rzp.io/i/{{1}}')] },
	{ name: 'track_order', language: 'en_US', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Follow your order {{1}}.' }, urlButton('Track', 'https://shop.sandbox.test/track/{{1}}')] },
	{ name: 'shipping_update', language: 'en_US', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your order {{1}} has shipped.' }] },
	{ name: 'order_bill_draft', language: 'en_US', status: 'PENDING', category: 'UTILITY', components: [{ type: 'BODY', text: 'Draft' }, orderDetailsButton('Review and Pay')] },
	{ name: 'order_update', language: 'en_US', status: 'APPROVED', category: 'UTILITY', sub_category: 'ORDER_STATUS', components: [{ type: 'BODY', text: 'Here is the latest on your order.' }] },
	// checkout-button-templates.md § Creating checkout button templates (single product) and § Multiple products (a
	// media card carousel): marketing templates whose checkout button is the non-customizable {ORDER_DETAILS, "Buy now"}.
	{
		name: 'item_back_in_stock_v1',
		language: 'en_US',
		status: 'APPROVED',
		category: 'MARKETING',
		components: [
			{ type: 'HEADER', format: 'IMAGE' },
			{ type: 'BODY', text: 'Hi {{1}}! The {{2}} is back in stock! Order now before it\'s gone!' },
			{ type: 'FOOTER', text: 'Tap \'Stop\' below to stop back-in-stock reminders.' },
			{ type: 'BUTTONS', buttons: [{ type: 'ORDER_DETAILS', text: CHECKOUT_BUTTON_TEXT }, { type: 'QUICK_REPLY', text: 'Stop' }] },
		],
	},
	{
		name: 'plants_back_in_stock_carousel',
		language: 'en_US',
		status: 'APPROVED',
		category: 'MARKETING',
		components: [
			{ type: 'BODY', text: 'Hi {{1}}! Your favourite plants are back in stock.' },
			{ type: 'CAROUSEL', cards: [0, 1].map(() => ({ components: [{ type: 'HEADER', format: 'IMAGE' }, { type: 'BUTTONS', buttons: [{ type: 'ORDER_DETAILS', text: CHECKOUT_BUTTON_TEXT }] }] })) },
		],
	},
].map((template, i) => ({ id: String(400000000000001 + i), ...template }));

/** Whether the account's template of this name is a checkout button template (its messages obey that page's rules). */
export const isCheckoutTemplate = (name: unknown): boolean => TEMPLATES.some((t) => t.name === name && isCheckoutTemplateDefinition(t));

export class BusinessAccount {
	constructor(private readonly settings: AccountSettings) {}

	/** GET /debug_token?input_token=...: the token's scopes, each with the accounts it reaches. */
	debugToken(inputToken: string | null): SandboxResponse {
		const valid = inputToken !== null && safeEqual(inputToken, this.settings.token);
		const targets = [this.settings.wabaId];
		return ok({
			data: {
				app_id: this.settings.appId,
				type: 'SYSTEM_USER',
				application: 'Sandbox App',
				is_valid: valid,
				scopes: valid ? ['whatsapp_business_management', 'whatsapp_business_messaging'] : [],
				granular_scopes: valid
					? [
							{ scope: 'whatsapp_business_management', target_ids: targets },
							{ scope: 'whatsapp_business_messaging', target_ids: targets },
						]
					: [],
			},
		});
	}

	/** GET /me: the system user the token belongs to (the credential test). */
	me(): SandboxResponse {
		return ok({ id: '500000000000001', name: 'Sandbox System User' });
	}

	/** GET /{waba-id}/phone_numbers. */
	phoneNumbers(): SandboxResponse {
		const first = { id: this.settings.phoneNumberId, display_phone_number: this.settings.displayPhoneNumber, verified_name: this.settings.verifiedName };
		return ok({ data: [first, SECOND_NUMBER].map((number) => ({ ...number, quality_rating: 'GREEN', code_verification_status: 'VERIFIED' })) });
	}

	/** GET /{waba-id}/message_templates (the Cloud API). */
	templates(): SandboxResponse {
		return ok({ data: TEMPLATES, paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } } });
	}

	/** GET /v1/configs/templates (360dialog): the same templates in 360dialog's envelope. */
	dialog360Templates(): SandboxResponse {
		return ok({ count: TEMPLATES.length, offset: 0, total: TEMPLATES.length, waba_templates: TEMPLATES });
	}
}

/** The account's template of this name and language, as message_templates lists it. */
export const accountTemplate = (name: string, language: string): (typeof TEMPLATES)[number] | undefined =>
	TEMPLATES.find((t) => t.name === name && t.language === language);
