/**
 * Every request made with the API credential goes through here. Redirects are not followed: n8n's HTTP helper would
 * repeat the request, the credential's header (Authorization, D360-API-KEY) and the body included, to wherever a 3xx
 * points, another host too. A 3xx answer is an answer of its own (an error naming its status) instead.
 */
import type { IAdditionalCredentialOptions, IAllExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './credentialType';

export async function requestWithCredential(
	context: IAllExecuteFunctions,
	options: IHttpRequestOptions,
	credential?: IAdditionalCredentialOptions,
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- n8n's helper answers `any`: each caller reads its own shape
): Promise<any> {
	return await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, { ...options, disableFollowRedirect: true }, credential);
}
