/**
 * n8n's "Retry On Fail" runs the whole node again after a failure, on the same input items: the items sent before the
 * failure must not be sent again (nodes/WhatsAppPayments/shared/retriedRun.ts).
 */
import { FAST_RETRIES, NODE, RECIPIENT, newReference, orderPerInputItem, startTestbed, statusPerInputItem, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

/** How many bills (order_details) and statuses the sandbox received for each reference. */
async function sentPer(references: string[]): Promise<Record<string, number>> {
	const log = (await bed.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
	return Object.fromEntries(references.map((ref) => [ref, log.filter((r) => r.reference_id === ref).length]));
}

describe('Retry On Fail', () => {
	it('a retried run does not send again the bills its failed try had sent; the item that fails is tried each time', async () => {
		const [a, b, used] = [newReference('RT'), newReference('RT'), newReference('RT')];
		// The third reference is sent once first, so that the sandbox refuses it as already used in the run below.
		expect((await bed.run(orderPerInputItem(FAST_RETRIES), [{ to: RECIPIENT, ref: used }])).error).toBeUndefined();
		const result = await bed.run(orderPerInputItem(FAST_RETRIES), [{ to: RECIPIENT, ref: a }, { to: RECIPIENT, ref: b }, { to: RECIPIENT, ref: used }], { retryOnFail: 3 });
		expect(result.nodes[NODE].error?.message).toMatch(/#131009/);
		expect(result.nodes[NODE].error?.description).toMatch(new RegExp(`Already done before this failure, do not send them again: input item 1 \\(reference_id ${a}\\), input item 2 \\(reference_id ${b}\\)`));
		expect(await sentPer([a, b, used])).toEqual({ [a]: 1, [b]: 1, [used]: 4 });
	});

	it('a status update is not sent again either', async () => {
		const [a, unknown] = [newReference('RS'), newReference('RS')];
		expect((await bed.run(orderPerInputItem(FAST_RETRIES), [{ to: RECIPIENT, ref: a }])).error).toBeUndefined();
		// No bill was sent with the second reference: the sandbox refuses its status in each try.
		const result = await bed.run(statusPerInputItem(FAST_RETRIES), [{ ref: a }, { ref: unknown }], { retryOnFail: 2 });
		expect(result.nodes[NODE].error?.message).toMatch(/#131009/);
		// a: its bill and one status update.
		expect(await sentPer([a, unknown])).toEqual({ [a]: 2, [unknown]: 2 });
	});
});
