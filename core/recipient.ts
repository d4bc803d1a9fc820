/**
 * The recipient of a message (`to`): a phone number with its country code, as the Cloud API takes it (digits,
 * optionally written with "+", spaces, dashes, dots or parentheses) or a wa_id (digits). International numbers
 * have at most 15 digits (E.164); none is shorter than 7 with its country code. A name or an empty cell from a
 * sheet would otherwise reach the API and fail there, once per customer.
 */
import type { Market } from './types';

const PHONE_WRITING = /^\+?[\d\s().-]+$/;

/** The number a recipient names, however it is written ("+91 98765-43210" is 919876543210). */
export const recipientDigits = (to: string): string => to.replace(/\D/g, '');

/**
 * The numbers a market's sheets and shop exports hold without the country code, which WhatsApp would read as
 * another country's (9876543210 is +98, Iran; 11987654321 is +1): India's 10-digit mobile numbers, or 11 digits
 * with the trunk 0; Brazil's area code (DDD) with 8 or 9 digits. A number written with "+" names its country
 * itself (a customer abroad), so it is taken as it is.
 */
const LOCAL_NUMBER: Record<Market, { local: (digits: string) => boolean; example: string }> = {
	india: { local: (d) => d.length === 10 || (d.length === 11 && d.startsWith('0')), example: '91 9876543210' },
	brazil: { local: (d) => (d.length === 10 || d.length === 11) && !d.startsWith('55'), example: '55 11987654321' },
};

/** Why `to` cannot be a WhatsApp recipient, or null when it can; `market`: the order's, when known, to refuse its local numbers. */
export function recipientError(to: string, market?: Market): string | null {
	if (to === '') return 'is required: the customer\'s WhatsApp number with its country code, e.g. 919876543210';
	const digits = recipientDigits(to);
	if (!PHONE_WRITING.test(to) || digits.length < 7 || digits.length > 15) {
		return `${JSON.stringify(to)} is not a phone number: give the customer's WhatsApp number with its country code, 7 to 15 digits, e.g. 919876543210`;
	}
	const rule = market ? LOCAL_NUMBER[market] : undefined;
	if (rule && !to.startsWith('+') && rule.local(digits)) {
		const leadingZero = digits.startsWith('0') ? ' in place of the leading 0' : '';
		return `${JSON.stringify(to)} has no country code: add the country code${leadingZero}, e.g. ${rule.example} (a number of another country: write it with its "+")`;
	}
	return null;
}
