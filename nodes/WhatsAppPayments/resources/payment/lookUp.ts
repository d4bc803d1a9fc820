import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { redactSecrets } from '../../../../core/apiErrors';
import { noPaymentReason } from '../../../../core/payments';
import { credentialSecrets } from '../../../shared/credentialSecrets';
import { referenceIdProperty } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import { paymentConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { findPayment, notFoundDescription, requireReferenceId } from '../../shared/paymentLookup';
import { CREDENTIAL_TYPE, type WhatsAppApi } from '../../transport';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	paymentConfigurationLocator({ description: 'The payment configuration the order was sent with' }),
	{ ...referenceIdProperty, description: 'The Reference ID you gave the bill (Send Order Details)' },
	...optionsCollection(),
];

export const description = forOperation({ show: { resource: ['payment'], operation: ['lookUp'] } }, properties);

interface LookUpRequest {
	configurationName: string;
	referenceId: string;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): LookUpRequest {
	const referenceId = requireReferenceId(this, itemIndex);
	return { configurationName: readPaymentConfiguration(this, itemIndex), referenceId };
}

/** How much of an answer that holds no payment the error quotes: enough to tell a proxy's object from a new API shape. */
const ANSWER_EXCERPT_CHARS = 200;

/**
 * The start of a lookup answer, as JSON, the credential's secrets redacted before it is cut (no piece of one shows),
 * as written and as JSON escapes them.
 */
async function answerExcerpt(ctx: IExecuteFunctions, answer: IDataObject): Promise<string> {
	const secrets = credentialSecrets(await ctx.getCredentials(CREDENTIAL_TYPE)).flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
	const quoted = redactSecrets(JSON.stringify(answer), secrets);
	return quoted.length > ANSWER_EXCERPT_CHARS ? `${quoted.slice(0, ANSWER_EXCERPT_CHARS)}…` : quoted;
}

/**
 * The payment as WhatsApp reports it: normalized (status, amounts, successful transaction, refunds) plus `raw`. The
 * API's "not found" error (HTTP 404 with an API error code, or code 100 subcode 33) says what an empty payments list says.
 */
export async function execute(this: IExecuteFunctions, request: LookUpRequest, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const { configurationName, referenceId } = request;
	const lookup = await findPayment(api, configurationName, referenceId, itemIndex);
	const notFound = (why = '') => new NodeOperationError(this.getNode(), `No payment found for reference ID ${referenceId}${why}`, { itemIndex, ...notFoundDescription(lookup) });
	if (lookup.notFound !== null) throw notFound();
	const { raw, found } = lookup;
	if (found.kind === 'payment') return { ...(found.payment as unknown as IDataObject), raw };
	if (found.kind === 'noPayment') throw notFound();
	if (found.kind === 'otherReferences') throw notFound(`: ${noPaymentReason(found)}`);
	// An answer nobody can read is no proof that there is no payment: it never says "not found".
	throw new NodeOperationError(this.getNode(), `Could not read the payment of reference ID ${referenceId}: ${noPaymentReason(found)}`, {
		itemIndex,
		description: `The API answered (HTTP 2xx): ${await answerExcerpt(this, raw)}`,
	});
}
