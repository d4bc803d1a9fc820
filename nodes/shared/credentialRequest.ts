/**
 * Every request made with the API credential goes through here.
 * - Redirects are not followed: n8n's HTTP helper would repeat the request, the credential's header (Authorization,
 *   D360-API-KEY) and the body included, to wherever a 3xx points, another host too. A 3xx answer is an answer of its
 *   own (an error naming its status) instead.
 * - `timeout` is n8n's idle timeout (no byte for that long), so an answer trickling in could hold an item for ever: a
 *   request that has not ended after twice its timeout fails as timed out (ETIMEDOUT), as an idle one does.
 */
import type { IAdditionalCredentialOptions, IAllExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './credentialType';

/** n8n's own default idle timeout, for a request that gives none. */
const DEFAULT_TIMEOUT_MS = 300_000;

export async function requestWithCredential(
	context: IAllExecuteFunctions,
	options: IHttpRequestOptions,
	credential?: IAdditionalCredentialOptions,
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- n8n's helper answers `any`: each caller reads its own shape
): Promise<any> {
	const request = context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, { ...options, disableFollowRedirect: true }, credential);
	const deadlineMs = 2 * (options.timeout ?? DEFAULT_TIMEOUT_MS);
	// AbortSignal.timeout: n8n's rules allow no setTimeout, and its timer does not hold the process open.
	const deadline = AbortSignal.timeout(deadlineMs);
	return await new Promise((resolve, reject) => {
		const late = () => reject(Object.assign(new Error(`no complete answer within ${deadlineMs / 1000} s`), { code: 'ETIMEDOUT' }));
		deadline.addEventListener('abort', late, { once: true });
		request.then(resolve, reject).finally(() => deadline.removeEventListener('abort', late));
	});
}
