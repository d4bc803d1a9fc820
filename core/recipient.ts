/**
 * The recipient of a message (`to`): a phone number with its country code, as the Cloud API takes it (digits,
 * optionally written with "+", spaces, dashes, dots or parentheses) or a wa_id (digits). International numbers
 * have at most 15 digits (E.164); none is shorter than 7 with its country code. A name or an empty cell from a
 * sheet would otherwise reach the API and fail there, once per customer.
 */
const PHONE_WRITING = /^\+?[\d\s().-]+$/;

/** The number a recipient names, however it is written ("+91 98765-43210" is 919876543210). */
export const recipientDigits = (to: string): string => to.replace(/\D/g, '');

/** Why `to` cannot be a WhatsApp recipient, or null when it can. */
export function recipientError(to: string): string | null {
	if (to === '') return 'is required: the customer\'s WhatsApp number with its country code, e.g. 919876543210';
	const digits = recipientDigits(to).length;
	if (!PHONE_WRITING.test(to) || digits < 7 || digits > 15) {
		return `${JSON.stringify(to)} is not a phone number: give the customer's WhatsApp number with its country code, 7 to 15 digits, e.g. 919876543210`;
	}
	return null;
}
