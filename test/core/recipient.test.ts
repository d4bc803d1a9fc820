import { recipientError } from '../../core/recipient';

describe('recipientError: what can be a WhatsApp recipient', () => {
	it.each(['919876543210', '+91 98765 43210', '+1 (631) 555-1234', '55.11.98765.4321', '1234567', '123456789012345'])('%s is a number', (to) => {
		expect(recipientError(to)).toBeNull();
	});
	it.each([
		['Asha', 'is not a phone number'],
		['', 'is required'],
		['123456', 'is not a phone number'],
		['1234567890123456', 'is not a phone number'],
		['91 98765 4321x', 'is not a phone number'],
		['asha@example.com', 'is not a phone number'],
	])('%j is refused', (to, why) => {
		expect(recipientError(to)).toContain(why);
	});
});

describe('recipientError with the market known: a local number without its country code is refused', () => {
	it.each([
		['9876543210', 'india', '91 9876543210'],
		['98765 43210', 'india', '91 9876543210'],
		['09876543210', 'india', 'in place of the leading 0'],
		['(11) 98765-4321', 'brazil', '55 11987654321'],
		['11 8765-4321', 'brazil', '55 11987654321'],
	] as const)('%j in %s', (to, market, advice) => {
		expect(recipientError(to, market)).toMatch(/has no country code: add the country code/);
		expect(recipientError(to, market)).toContain(advice);
	});

	it.each([
		['919876543210', 'india'],
		['+91 98765 43210', 'india'],
		['5511987654321', 'brazil'],
		['+55 (11) 98765-4321', 'brazil'],
		// Written with "+": the number names its own country (a customer abroad).
		['+65 8123 4567', 'india'],
		['+1 631 555 1234', 'brazil'],
		// Numbers no local form can be: India's 11 digits without a 0, Brazil's 10-11 digits starting 55.
		['16315551234', 'india'],
		['5587654321', 'brazil'],
	] as const)('%j in %s is a number', (to, market) => {
		expect(recipientError(to, market)).toBeNull();
	});

	it('no market known: any number of 7 to 15 digits, as before', () => {
		expect(recipientError('9876543210')).toBeNull();
		expect(recipientError('11987654321')).toBeNull();
	});
});
