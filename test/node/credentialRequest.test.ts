/**
 * nodes/shared/credentialRequest.ts: n8n's timeout is an idle one, so an answer trickling in byte by byte would hold
 * an item for ever; every request with the credential ends after twice its timeout, as timed out. n8n's helper is
 * stood in for by one that never answers (a trickle, for the caller); a real trickle would take minutes to prove.
 */
import type { IAllExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { requestWithCredential } from '../../nodes/shared/credentialRequest';

/** A context whose HTTP helper records its options and answers when `answer` says (never, by default). */
function contextAnswering(answer: () => Promise<unknown> = () => new Promise(() => undefined)) {
	const seen: IHttpRequestOptions[] = [];
	const context = { helpers: { httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => (seen.push(options), await answer()) } };
	return { context: context as unknown as IAllExecuteFunctions, seen };
}

describe('requestWithCredential', () => {
	it('fails as timed out (ETIMEDOUT) when no complete answer came within twice the timeout', async () => {
		const { context } = contextAnswering();
		await expect(requestWithCredential(context, { url: 'http://127.0.0.1:9/x', timeout: 40 })).rejects.toMatchObject({ code: 'ETIMEDOUT', message: 'no complete answer within 0.08 s' });
	});

	it('gives the answer that comes in time, and asks n8n to follow no redirect', async () => {
		const { context, seen } = contextAnswering(async () => ({ statusCode: 200, body: { ok: true } }));
		await expect(requestWithCredential(context, { url: 'http://127.0.0.1:9/x', timeout: 1000 })).resolves.toEqual({ statusCode: 200, body: { ok: true } });
		expect(seen).toEqual([{ url: 'http://127.0.0.1:9/x', timeout: 1000, disableFollowRedirect: true }]);
	});
});
