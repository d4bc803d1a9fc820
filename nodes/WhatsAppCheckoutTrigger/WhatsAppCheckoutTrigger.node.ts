import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import type { KeyObject } from 'crypto';

import { CHECKOUT_STATUS, ERROR_NOTIFICATION_ANSWER, PING_ANSWER, readCheckoutRequest, refusalAnswer, type CheckoutSubActionRequest } from '../../core/checkout';
import { decryptRequest, DecryptionError, encryptResponse, readEncryptedRequest, type DecryptedRequest } from '../../core/endpointCrypto';
import { isObject } from '../../core/messageShape';
import { normalizeAmount } from '../../core/money';
import { appSecretsOf, verifySignatureWithRotation, type AppSecrets } from '../../core/signatures';
import { CHECKOUT_CREDENTIAL_TYPE, checkoutKeyTest, checkoutPrivateKey, type CheckoutCredentials } from '../shared/checkoutKey';
import { CredentialCache, credentialScope } from '../shared/credentialCache';
import { throttledLog } from '../shared/throttledLog';
import { dedupeScope } from '../WhatsAppPaymentsTrigger/dedupeWindows';
import { SIGNATURE_HEADER, type RawRequest } from '../WhatsAppPaymentsTrigger/delivery';
import { onAnswer, replayWindowFor } from './replayWindow';

/** A checkout request is one order: far below this. */
const MAX_BODY_BYTES = 1024 * 1024;
/** The reason unsigned requests are counted under (the endpoint's URL is public: anyone can POST to it). */
const UNSIGNED_REQUEST = 'checkout endpoint: unsigned request';
/** The reason repeated requests are counted under (a resend, or a captured request replayed). */
const REPEATED_REQUEST = 'checkout endpoint: repeated request';

type Answer = { status: number; text?: string };

/** What the endpoint keeps of its credential: the App Secrets, and the private key parsed (or why it cannot be). */
interface EndpointKeys {
	secrets: AppSecrets;
	privateKey: KeyObject | Error;
}

/** The kept credential of each checkout trigger node (why and for how long: shared/credentialCache.ts). */
const credentialCache = new CredentialCache<EndpointKeys>();

function endpointKeys(credentials: CheckoutCredentials): EndpointKeys {
	let privateKey: KeyObject | Error;
	try {
		privateKey = checkoutPrivateKey(credentials);
	} catch (error) {
		privateKey = error as Error;
	}
	return { secrets: appSecretsOf(credentials), privateKey };
}

/** A request opened with the kept credential: decrypted, refused (432 or 421), or not openable with a key that does not load. */
type Opened = { decrypted: DecryptedRequest } | { refused: number } | { keyError: Error };

/** The request's signature checked with the App Secret (or the previous one, until its date), then its body decrypted with the private key. */
function openRequest(rawBody: Buffer, signature: string | undefined, keys: EndpointKeys): Opened {
	if (!verifySignatureWithRotation(rawBody, signature, keys.secrets, Date.now())) return { refused: CHECKOUT_STATUS.badSignature };
	if (keys.privateKey instanceof Error) return { keyError: keys.privateKey };
	try {
		return { decrypted: decryptRequest(rawBody, keys.privateKey) };
	} catch (error) {
		// Not our key's request: 421 makes the client fetch the public key again.
		if (error instanceof DecryptionError) return { refused: CHECKOUT_STATUS.cannotDecrypt };
		return { keyError: error as Error };
	}
}

/**
 * The order's amounts in currency units (numbers, for IF and Switch nodes): value / offset, quoted integers read.
 * Null when absent, or when unreadable (negative, not an integer, no or a bad offset): never a wrong number.
 * `unreadable` names the amounts that were there but could not be read, as sent.
 */
function amountsOf(request: CheckoutSubActionRequest): { amounts: Record<string, number | null>; unreadable: string[] } {
	const order = isObject(request.orderDetails.order) ? request.orderDetails.order : {};
	const coupon = isObject(request.orderDetails.coupon) ? request.orderDetails.coupon : {};
	const sent: Record<string, unknown> = {
		subtotal: order.subtotal,
		shipping: order.shipping,
		tax: order.tax,
		discount: order.discount,
		couponDiscount: coupon.discount,
		total: request.orderDetails.total_amount,
	};
	const amounts: Record<string, number | null> = {};
	const unreadable: string[] = [];
	for (const [name, amount] of Object.entries(sent)) {
		const normalized = normalizeAmount(amount);
		amounts[name] = normalized ? Number(normalized.decimal) : null;
		if (!normalized && amount !== undefined && amount !== null) unreadable.push(`${name} ${JSON.stringify(amount)}`);
	}
	return { amounts, unreadable };
}

/**
 * One item per sub-action: what the buyer did and the order as WhatsApp holds it, its amounts in currency units for
 * IF / Switch nodes, and `session` (the request's wrapped AES key and IV, not secret without the private key), which
 * "Respond to Checkout" decrypts again to encrypt the answer: the AES key itself never enters an item. `warn` hears
 * of amounts that could not be read (null in the item).
 */
export function itemOf(request: CheckoutSubActionRequest, session: { encrypted_aes_key: string; initial_vector: string }, warn?: (message: string) => void): IDataObject {
	const { amounts, unreadable } = amountsOf(request);
	if (unreadable.length && warn) warn(`WhatsApp Checkout Endpoint: amounts that are not {value, offset} of non-negative integers are null in the item: ${unreadable.join('; ')}`);
	return {
		subAction: request.subAction,
		userId: request.input.userId,
		couponCode: request.input.coupon?.code ?? null,
		selectedAddress: (request.input.selectedAddress ?? null) as IDataObject | null,
		referenceId: request.orderDetails.reference_id as string,
		amounts,
		orderDetails: request.orderDetails as IDataObject,
		version: request.version,
		session,
	};
}

export class WhatsAppCheckoutTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Checkout Endpoint Trigger',
		name: 'whatsAppCheckoutTrigger',
		icon: { light: 'file:whatsAppPayments.svg', dark: 'file:whatsAppPayments.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1. n8n evaluates an expression, in an isolate built for it, on every POST to a version-1
		// webhook node (to learn whether it takes binary data): most of the CPU of a checkout request (docs/performance.md).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: 'Coupons, shipping and stock at checkout',
		description:
			'The checkout endpoint of checkout button templates: starts the workflow when a buyer asks for coupons, applies or removes one, or submits a shipping address; answer with WhatsApp Payments "Respond to Checkout"',
		defaults: { name: 'WhatsApp Checkout Endpoint' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CHECKOUT_CREDENTIAL_TYPE, required: true, testedBy: 'checkoutKeyTest' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'responseNode', path: 'checkout' }],
		properties: [
			{
				displayName:
					'Link the Production URL to your payment configuration (WhatsApp Payments > Payment Configuration > Link Data Endpoint) and end the workflow with WhatsApp Payments > Checkout > Respond to Checkout. Health checks (ping) are answered here, without an execution.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = { credentialTest: { checkoutKeyTest } };

	// Nothing to register with Meta: the URL is linked to a payment configuration by the action node. Activation
	// checks the key instead, so a wrong passphrase fails there rather than on every request.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				try {
					checkoutPrivateKey(await this.getCredentials<CheckoutCredentials>(CHECKOUT_CREDENTIAL_TYPE));
				} catch (error) {
					throw new NodeOperationError(this.getNode(), (error as Error).message);
				}
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const answer = ({ status, text }: Answer): IWebhookResponseData => {
			response.setHeader('X-Content-Type-Options', 'nosniff');
			response.status(status).type('text/plain').send(text ?? '');
			return { noWebhookResponse: true };
		};
		const request = this.getRequestObject() as unknown as RawRequest;
		if (!request.rawBody && request.readRawBody) await request.readRawBody();
		const rawBody = request.rawBody;
		if (!Buffer.isBuffer(rawBody) || rawBody.length > MAX_BODY_BYTES) return answer({ status: 413 });
		const header = request.headers[SIGNATURE_HEADER];
		const signature = typeof header === 'string' ? header : undefined;

		const load = async () => endpointKeys(await this.getCredentials<CheckoutCredentials>(CHECKOUT_CREDENTIAL_TYPE));
		// A refusal may come from an App Secret, key or passphrase changed since the credential was kept.
		const { result: opened } = await credentialCache.checkWithKept(
			credentialScope(this, CHECKOUT_CREDENTIAL_TYPE),
			load,
			(keys) => openRequest(rawBody, signature, keys),
			(open) => 'decrypted' in open,
		);
		if ('keyError' in opened) {
			// A credential that cannot load its key is ours to fix.
			this.logger.error(`WhatsApp Checkout Endpoint cannot answer: ${opened.keyError.message}`);
			return answer({ status: 500 });
		}
		if ('refused' in opened) {
			if (opened.refused === CHECKOUT_STATUS.badSignature) {
				throttledLog.warn(this.logger, UNSIGNED_REQUEST, (count) => `WhatsApp Checkout Endpoint refused ${count === 1 ? 'a request' : `${count} requests`}: X-Hub-Signature-256 missing or not matching the body`);
			}
			return answer({ status: opened.refused });
		}
		const { decrypted } = opened;
		const encrypted = (payload: unknown) => encryptResponse(payload, decrypted.aesKey, decrypted.iv);
		const checkout = readCheckoutRequest(decrypted.payload);
		switch (checkout.kind) {
			case 'ping':
				return answer({ status: 200, text: encrypted(PING_ANSWER) });
			case 'error_notification':
				this.logger.warn(`WhatsApp reported that an answer of this checkout endpoint was invalid: ${checkout.error}${checkout.errorMessage ? ` (${checkout.errorMessage})` : ''}`);
				return answer({ status: 200, text: encrypted(ERROR_NOTIFICATION_ANSWER) });
			case 'invalid':
				// Decrypted, but not a request the page describes (UNCONFIRMED: Meta's sample answers these 421 with a message).
				return answer({ status: CHECKOUT_STATUS.cannotDecrypt, text: encrypted(refusalAnswer('Unsupported request')) });
		}
		// The same request again on the production URL: its first answer, no second execution (why, and why not on the
		// editor's test URL: replayWindow.ts).
		if (this.getMode() !== 'manual') {
			const now = Date.now();
			const claim = replayWindowFor(dedupeScope(this.getWorkflow().id, this.getNode().id, 'production'), now).claim(rawBody, now);
			if ('repeat' in claim) {
				throttledLog.warn(this.logger, REPEATED_REQUEST, (count) => `WhatsApp Checkout Endpoint answered ${count === 1 ? 'a request' : `${count} requests`} sent again (the same signed body) with the first answer (an error when it had none), without an execution`);
				const kept = await claim.repeat;
				response.setHeader('X-Content-Type-Options', 'nosniff');
				if (kept) {
					if (kept.contentType !== undefined) response.setHeader('content-type', kept.contentType);
					response.status(kept.status).end(kept.body);
				} else {
					// The first one had no answer in time or its client left: n8n's kind of answer to a request it could not run.
					response.status(500).json({ code: 0, message: 'The same request, sent before, got no answer' });
				}
				return { noWebhookResponse: true };
			}
			onAnswer(response, claim.keep);
		}
		const { encrypted_aes_key, initial_vector } = readEncryptedRequest(rawBody);
		const item = itemOf(checkout, { encrypted_aes_key, initial_vector }, (message) => this.logger.warn(message));
		return { workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
