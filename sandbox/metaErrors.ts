/** Errors in the Graph API's shape: {error: {message, type, code, error_data?, error_subcode?, fbtrace_id}}. */
import { randomBytes } from 'crypto';
import type { ValidationError } from '../core';
import type { SandboxResponse } from './router';

export interface MetaErrorFields {
	message: string;
	type?: string;
	code: number;
	error_subcode?: number;
	is_transient?: boolean;
	/** Becomes error_data.details (with messaging_product "whatsapp"). */
	details?: string;
}

/** A trace id like Meta's: 11 url-safe base64 characters. */
export const fbtraceId = (): string => randomBytes(8).toString('base64url').slice(0, 11);

export function metaError(status: number, fields: MetaErrorFields): SandboxResponse {
	const { details, type = 'OAuthException', ...rest } = fields;
	const error: Record<string, unknown> = { ...rest, type };
	if (details !== undefined) error.error_data = { messaging_product: 'whatsapp', details };
	error.fbtrace_id = fbtraceId();
	return { status, body: { error } };
}

/** "<path>: <message>; ..." naming every field and rule, as error_data.details. */
export const describeErrors = (errors: ValidationError[]): string =>
	errors.map((e) => `${e.path || '/'}: ${e.message}${e.rule ? ` (${e.rule})` : ''}`).join('; ');

/** A message Meta refuses: 131008 when a required field is missing, 131009 for an invalid value. */
export function invalidParameters(errors: ValidationError[]): SandboxResponse {
	const missing = errors.some((e) => e.rule === 'required');
	return metaError(400, {
		message: missing ? '(#131008) Required parameter is missing' : '(#131009) Parameter value is not valid',
		code: missing ? 131008 : 131009,
		details: describeErrors(errors),
	});
}

/** A request that could not be read at all (not JSON, not an object, unknown field types): code 100. */
export const malformed = (details: string): SandboxResponse => metaError(400, { message: '(#100) Invalid parameter', code: 100, details });

export const invalidToken = (): SandboxResponse =>
	metaError(401, { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });

export const appTokenRequired = (): SandboxResponse =>
	metaError(400, { message: '(#15) This method must be called with an app access_token.', code: 15 });

export const rateLimitHit = (): SandboxResponse =>
	metaError(400, { message: '(#130429) Rate limit hit', code: 130429, details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time.' });

/** The Graph API's answer for an id or path it does not know. */
export const unknownObject = (what: string): SandboxResponse =>
	metaError(400, {
		message: `Unsupported request. Object with ID '${what}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
		type: 'GraphMethodException',
		code: 100,
		error_subcode: 33,
	});

/** Injected transient failures: code 1 (unknown error) or 2 (service unavailable), HTTP 500. */
export const transientError = (code: 1 | 2): SandboxResponse =>
	metaError(500, {
		message: code === 1 ? 'An unknown error has occurred.' : 'Service temporarily unavailable',
		code,
		is_transient: true,
	});
