/** The shape of a validator that gulp generates from a JSON Schema with ajv's standalone mode. */
export interface SchemaError {
	instancePath: string;
	schemaPath: string;
	keyword: string;
	params: Record<string, unknown>;
	message?: string;
}

export interface SchemaValidator {
	(data: unknown): boolean;
	errors?: SchemaError[] | null;
}
