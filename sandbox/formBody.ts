/**
 * Form bodies for the routes Meta documents with one (the business public key: form-urlencoded in
 * flows-encryption.md, multipart/form-data in whatsapp-cloud-api-business-encryption-api.md). Text fields only,
 * which is all those routes take; no dependency.
 */

/** The boundary parameter of a multipart content type, quoted or not. */
const BOUNDARY = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i;
/** A part's form-data name (not its filename). */
const PART_NAME = /^content-disposition:[ \t]*form-data(?:;[^\r\n]*?)?;[ \t]*name="([^"]*)"/im;

/**
 * multipart/form-data (RFC 7578): each part between `CRLF--boundary` delimiters is its headers, an empty line and its
 * value; the last delimiter ends in `--`. Null when the body does not read so.
 */
function multipartFields(text: string, boundary: string): Record<string, string> | null {
	// The first delimiter may open the body without the CRLF that precedes every other one.
	const parts = `\r\n${text}`.split(`\r\n--${boundary}`);
	const closing = parts.findIndex((part, i) => i > 0 && part.startsWith('--'));
	if (closing < 1) return null;
	const fields: Record<string, string> = {};
	for (const part of parts.slice(1, closing)) {
		const headersEnd = part.indexOf('\r\n\r\n');
		// After the delimiter: optional whitespace, then CRLF, then the part's headers.
		const name = headersEnd >= 0 && /^[ \t]*\r\n/.test(part) ? PART_NAME.exec(part.slice(0, headersEnd))?.[1] : undefined;
		if (name === undefined) return null;
		fields[name] = part.slice(headersEnd + 4);
	}
	return fields;
}

/**
 * The text fields of a form body: undefined when the content type is not a form's (the body is read as JSON then),
 * null when it says form but the body does not read as one.
 */
export function formFields(raw: Buffer, contentType: string | undefined): Record<string, string> | null | undefined {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
	if (type !== 'multipart/form-data') return undefined;
	const boundary = BOUNDARY.exec(contentType ?? '');
	return boundary ? multipartFields(raw.toString('utf8'), boundary[1] ?? boundary[2]) : null;
}
