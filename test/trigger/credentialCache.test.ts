/** A trigger's kept credential: loaded once, fresh for a while, and loaded again when a delivery it refused may be signed with a new secret. */
import { CredentialCache } from '../../nodes/shared/credentialCache';
import type { TriggerCredentials } from '../../nodes/WhatsAppPaymentsTrigger/credentials';

/** A cache on a clock the test moves, and a credential store the test changes, counting the loads. */
function setup() {
	let nowMs = 0;
	const cache = new CredentialCache<TriggerCredentials>(() => nowMs);
	const store = { current: { provider: 'cloudApi', appSecret: 'first' } as TriggerCredentials, loads: 0 };
	const load = async () => {
		store.loads++;
		return { ...store.current };
	};
	return { cache, store, load, advance: (ms: number) => (nowMs += ms) };
}

describe('CredentialCache', () => {
	it('loads a node\'s credential once for many deliveries, and again once it is a minute old', async () => {
		const { cache, store, load, advance } = setup();
		for (let i = 0; i < 5; i++) expect((await cache.get('wf/node/cred', load)).appSecret).toBe('first');
		expect(store.loads).toBe(1);
		store.current = { provider: 'cloudApi', appSecret: 'second' };
		advance(60_000);
		expect((await cache.get('wf/node/cred', load)).appSecret).toBe('second');
		expect(store.loads).toBe(2);
	});

	it('deliveries arriving while it loads share one load', async () => {
		const { cache, store, load } = setup();
		await Promise.all(Array.from({ length: 10 }, () => cache.get('wf/node/cred', load)));
		expect(store.loads).toBe(1);
	});

	it('keeps each node apart', async () => {
		const { cache, store, load } = setup();
		await cache.get('wf/a/cred', load);
		await cache.get('wf/b/cred', load);
		expect(store.loads).toBe(2);
	});

	it('after a refusal: the new secret at once, but at most one load in ten seconds however many forgeries come', async () => {
		const { cache, store, load, advance } = setup();
		const kept = await cache.get('wf/node/cred', load);
		advance(10_000);
		store.current = { provider: 'cloudApi', appSecret: 'rotated' };
		const newer = await cache.afterRefusal('wf/node/cred', load, kept);
		expect(newer?.appSecret).toBe('rotated');
		expect((await cache.get('wf/node/cred', load)).appSecret).toBe('rotated');
		// A flood of forgeries within the next ten seconds: no more loads, nothing new to try.
		for (let i = 0; i < 20; i++) expect(await cache.afterRefusal('wf/node/cred', load, newer as TriggerCredentials)).toBeUndefined();
		expect(store.loads).toBe(2);
		advance(10_000);
		await cache.afterRefusal('wf/node/cred', load, newer as TriggerCredentials);
		expect(store.loads).toBe(3);
	});

	it('a refusal checked with an older copy gets the one loaded meanwhile', async () => {
		const { cache, store, load, advance } = setup();
		const old = await cache.get('wf/node/cred', load);
		advance(10_000);
		store.current = { provider: 'cloudApi', appSecret: 'rotated' };
		const reloaded = await cache.afterRefusal('wf/node/cred', load, old);
		expect(await cache.afterRefusal('wf/node/cred', load, old)).toBe(reloaded);
		expect(store.loads).toBe(2);
	});

	it('checkWithKept: a check that fails with the kept credential runs once more with a newer one, and gives the credential it used', async () => {
		const { cache, store, load, advance } = setup();
		const signedWith = (secret: string) => (credentials: TriggerCredentials) => credentials.appSecret === secret;
		expect(await cache.checkWithKept('wf/node/cred', load, signedWith('first'), Boolean)).toEqual({ credentials: { provider: 'cloudApi', appSecret: 'first' }, result: true });
		store.current = { provider: 'cloudApi', appSecret: 'rotated' };
		// Loaded less than ten seconds ago: no newer credential, the refusal stands.
		expect((await cache.checkWithKept('wf/node/cred', load, signedWith('rotated'), Boolean)).result).toBe(false);
		advance(10_000);
		expect(await cache.checkWithKept('wf/node/cred', load, signedWith('rotated'), Boolean)).toEqual({ credentials: { provider: 'cloudApi', appSecret: 'rotated' }, result: true });
		expect(store.loads).toBe(2);
	});

	it('keeps a failed load for ten seconds only: requests meanwhile fail with its error without loading again', async () => {
		const { cache, store, load, advance } = setup();
		let failedLoads = 0;
		const failing = async (): Promise<TriggerCredentials> => {
			failedLoads++;
			throw new Error('credential not found');
		};
		for (let i = 0; i < 5; i++) await expect(cache.get('wf/node/cred', failing)).rejects.toThrow('credential not found');
		expect(failedLoads).toBe(1);
		advance(10_000);
		expect((await cache.get('wf/node/cred', load)).appSecret).toBe('first');
		expect(store.loads).toBe(1);
	});
});
