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
