import { createHmac } from 'crypto';
import { safeEqual, signBody, verifyChallenge, verifySignature, verifySignatureWithRotation } from '../../core/signatures';

const SECRET = 'app-secret-0123';
const BODY = Buffer.from('{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[]}],"name":"Sérgio"}', 'utf8');
const expectedHex = createHmac('sha256', SECRET).update(BODY).digest('hex');

describe('signBody', () => {
	it('gives "sha256=" + the lowercase hex HMAC-SHA256 of the raw bytes', () => {
		expect(signBody(BODY, SECRET)).toBe(`sha256=${expectedHex}`);
	});
	it('signs a string body as its UTF-8 bytes', () => {
		expect(signBody(BODY.toString('utf8'), SECRET)).toBe(signBody(BODY, SECRET));
	});
});

describe('verifySignature', () => {
	const header = `sha256=${expectedHex}`;

	it('accepts the right signature over a Buffer and over the same string', () => {
		expect(verifySignature(BODY, header, SECRET)).toBe(true);
		expect(verifySignature(BODY.toString('utf8'), header, SECRET)).toBe(true);
	});
	it('accepts uppercase hex digits and label, and surrounding whitespace (same bytes)', () => {
		expect(verifySignature(BODY, `sha256=${expectedHex.toUpperCase()}`, SECRET)).toBe(true);
		expect(verifySignature(BODY, `SHA256=${expectedHex}`, SECRET)).toBe(true);
		expect(verifySignature(BODY, ` ${header} `, SECRET)).toBe(true);
	});
	it('rejects a body with one byte changed', () => {
		const tampered = Buffer.from(BODY);
		tampered[10] ^= 1;
		expect(verifySignature(tampered, header, SECRET)).toBe(false);
	});
	it('rejects a re-serialized body (only the raw bytes verify)', () => {
		const reserialized = JSON.stringify(JSON.parse(BODY.toString('utf8')), null, 2);
		expect(verifySignature(reserialized, header, SECRET)).toBe(false);
	});
	it('rejects a signature made with another secret', () => {
		expect(verifySignature(BODY, signBody(BODY, 'another-secret'), SECRET)).toBe(false);
	});
	it('rejects a missing header and an empty secret', () => {
		expect(verifySignature(BODY, undefined, SECRET)).toBe(false);
		expect(verifySignature(BODY, '', SECRET)).toBe(false);
		expect(verifySignature(BODY, signBody(BODY, ''), '')).toBe(false);
	});
	it.each([
		['no prefix', expectedHex],
		['sha1 prefix', `sha1=${expectedHex}`],
		['short hex', `sha256=${expectedHex.slice(2)}`],
		['long hex', `sha256=${expectedHex}00`],
		['non-hex digit', `sha256=${expectedHex.slice(1)}g`],
		['two values', `${header},${header}`],
		['base64 digest', `sha256=${Buffer.from(expectedHex, 'hex').toString('base64')}`],
	])('rejects a malformed header (%s)', (_name, value) => {
		expect(verifySignature(BODY, value, SECRET)).toBe(false);
	});
	it('never throws on values of the wrong type', () => {
		const wrong: unknown[] = [null, 42, {}, [header], Symbol('x')];
		for (const value of wrong) {
			expect(verifySignature(value as string, header, SECRET)).toBe(false);
			expect(verifySignature(BODY, value as string, SECRET)).toBe(false);
			expect(verifySignature(BODY, header, value as string)).toBe(false);
		}
	});
});

describe('verifyChallenge', () => {
	const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'my-token', 'hub.challenge': '1158201444' };

	it('echoes the challenge when mode is subscribe and the token matches', () => {
		expect(verifyChallenge(query, 'my-token')).toEqual({ ok: true, challenge: '1158201444' });
	});
	it('reads a nested query ({hub: {...}}) and the first of repeated values', () => {
		expect(verifyChallenge({ hub: { mode: 'subscribe', verify_token: 'my-token', challenge: 'c' } }, 'my-token')).toEqual({ ok: true, challenge: 'c' });
		expect(verifyChallenge({ ...query, 'hub.challenge': ['c1', 'c2'] }, 'my-token')).toEqual({ ok: true, challenge: 'c1' });
	});
	it('refuses a wrong token, another mode, a missing token or challenge', () => {
		expect(verifyChallenge(query, 'other-token')).toEqual({ ok: false });
		expect(verifyChallenge({ ...query, 'hub.mode': 'unsubscribe' }, 'my-token')).toEqual({ ok: false });
		expect(verifyChallenge({ 'hub.mode': 'subscribe', 'hub.challenge': 'c' }, 'my-token')).toEqual({ ok: false });
		expect(verifyChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': 'my-token' }, 'my-token')).toEqual({ ok: false });
	});
	it('never matches an empty configured token, even against an empty one', () => {
		expect(verifyChallenge({ ...query, 'hub.verify_token': '' }, '')).toEqual({ ok: false });
	});
	it('never throws on odd queries', () => {
		for (const q of [null, undefined, 'x', [], { hub: null }, { hub: [] }, { 'hub.mode': 1 }]) {
			expect(verifyChallenge(q as Record<string, unknown>, 'my-token')).toEqual({ ok: false });
		}
	});
});

describe('safeEqual', () => {
	it('is true for equal strings and false for different ones, whatever their lengths', () => {
		expect(safeEqual('secret-header-value', 'secret-header-value')).toBe(true);
		expect(safeEqual('secret-header-value', 'secret-header-valuf')).toBe(false);
		expect(safeEqual('short', 'a much longer value')).toBe(false);
		expect(safeEqual('é', 'e\u0301')).toBe(false);
	});
	it('is false for non-strings', () => {
		expect(safeEqual(undefined as unknown as string, 'x')).toBe(false);
		expect(safeEqual('x', null as unknown as string)).toBe(false);
	});
});

describe('verifySignatureWithRotation (implement-endpoints-for-flows.md § Resetting the app secret)', () => {
	const NEW = 'new-app-secret-9';
	const OLD = 'old-app-secret-1';
	const until = '2026-06-01T12:00:00Z';
	const untilMs = Date.parse(until);
	const secrets = { current: NEW, previous: OLD, previousValidUntil: until };

	it('accepts the new secret at any time', () => {
		expect(verifySignatureWithRotation(BODY, signBody(BODY, NEW), secrets, untilMs + 1e9)).toBe(true);
	});
	it('accepts the old secret until the date, and refuses it from the date on', () => {
		expect(verifySignatureWithRotation(BODY, signBody(BODY, OLD), secrets, untilMs - 1)).toBe(true);
		expect(verifySignatureWithRotation(BODY, signBody(BODY, OLD), secrets, untilMs)).toBe(false);
		expect(verifySignatureWithRotation(BODY, signBody(BODY, OLD), secrets, untilMs + 1)).toBe(false);
	});
	it('never accepts the old secret without a readable date', () => {
		for (const previousValidUntil of [undefined, '', 'next week']) {
			expect(verifySignatureWithRotation(BODY, signBody(BODY, OLD), { current: NEW, previous: OLD, previousValidUntil }, 0)).toBe(false);
		}
	});
	it('refuses a third secret and an empty previous secret', () => {
		expect(verifySignatureWithRotation(BODY, signBody(BODY, 'other'), secrets, untilMs - 1)).toBe(false);
		expect(verifySignatureWithRotation(BODY, signBody(BODY, ''), { current: NEW, previous: '', previousValidUntil: until }, 0)).toBe(false);
	});
});
