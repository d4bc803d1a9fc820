import type { ValidationError } from './types';

/** Thrown by the builders when their input or the message they would send breaks a rule. */
export class OrderValidationError extends Error {
	readonly errors: ValidationError[];

	constructor(errors: ValidationError[], what = 'order') {
		super(`Invalid ${what}: ${errors.map((e) => `${e.path || '/'}: ${e.message}`).join('; ')}`);
		this.name = 'OrderValidationError';
		this.errors = errors;
	}
}
