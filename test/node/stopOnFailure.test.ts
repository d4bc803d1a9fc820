/**
 * Without Continue On Fail, an item that fails after others were sent stops the run; the outputs of the
 * items already done are lost with the error, so the error names them (index and reference_id).
 */
import { FAST_RETRIES, NODE, RECIPIENT, newReference, orderPerInputItem, startTestbed, statusPerInputItem, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

/** One input item per order: its recipient and reference. */
const inputsFor = (refs: string[]) => refs.map((ref) => ({ ref, to: RECIPIENT }));

describe('a run stopped by a failed item', () => {
	it('names the items already sent in the error, not the ones never started', async () => {
		const sent = [newReference('M'), newReference('M')];
		expect((await bed.run(orderPerInputItem({ ...FAST_RETRIES, concurrency: 1 }), inputsFor(sent))).error).toBeUndefined();
		const unknown = newReference('MISSING');
		const never = newReference('M');
		// Item 2 has no order_details behind it: the API refuses its order_status; item 3 never starts.
		const result = await bed.run(statusPerInputItem({ ...FAST_RETRIES, concurrency: 1 }), inputsFor([sent[0], sent[1], unknown, never]));
		expect(result.status).toBe('error');
		const error = result.nodes[NODE].error;
		expect(error?.message).toMatch(/\(#131009\)/);
		expect(error?.description).toContain(
			`Already done before this failure, do not send them again: input item 1 (reference_id ${sent[0]}), input item 2 (reference_id ${sent[1]}). The items not listed were not completed.`,
		);
		expect(error?.description).not.toContain(never);
		const log = await bed.requests();
		expect(log.filter((e) => e.reference_id === never)).toEqual([]);
	});

	it('adds nothing when no item was done before the failure', async () => {
		const result = await bed.run(statusPerInputItem({ ...FAST_RETRIES, concurrency: 1 }), inputsFor([newReference('MISSING'), newReference('M')]));
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.description ?? '').not.toMatch(/Already done/);
	});

	it('lists the items that finished while the failed one was in flight', async () => {
		const sent = [newReference('M'), newReference('M'), newReference('M')];
		expect((await bed.run(orderPerInputItem({ ...FAST_RETRIES, concurrency: 1 }), inputsFor(sent))).error).toBeUndefined();
		// All four start at once: the three valid ones finish although item 1 failed.
		const result = await bed.run(statusPerInputItem({ ...FAST_RETRIES, concurrency: 4 }), inputsFor([sent[0], newReference('MISSING'), sent[1], sent[2]]));
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.description).toContain(
			`input item 1 (reference_id ${sent[0]}), input item 3 (reference_id ${sent[1]}), input item 4 (reference_id ${sent[2]})`,
		);
	});
});
