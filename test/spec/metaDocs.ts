/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Reads Meta's payments pages (../shared/meta-docs/ beside the repository) and pulls out their JSON examples:
 * every code fence that holds a JSON object or array, and the JSON body of every curl fence (`-d '...'`).
 * Each example gets a stable key: file, section and a hash of its normalized text, so that the lists of
 * excluded examples and known gaps keep naming the same example when other parts of a page change.
 */
import { createHash } from 'crypto';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

/** The repository root (this file is test/spec/metaDocs.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..');
/** Meta's pages: a checkout has ../shared/ beside it (in CI a copy of shared/ sits beside the clone). */
export const META_DOCS_DIR = resolve(REPO_ROOT, '..', 'shared', 'meta-docs');

export interface DocExample {
	/** "file § section [hash]": stable while the example's own text stays the same. */
	key: string;
	file: string;
	/** The nearest headings above the fence, outermost first (levels 2 and below). */
	section: string;
	/** 1-based line of the fence's first line of content. */
	line: number;
	/** The example's text as written (for curl fences, the request body only). */
	text: string;
	/** Where the example was found: a JSON-looking fence, or the body of a curl command. */
	origin: 'fence' | 'curl';
}

/** Example texts compare equal when they differ only in white space. */
function normalizedHash(text: string): string {
	return createHash('sha256').update(text.replace(/\s+/g, '')).digest('hex').slice(0, 8);
}

/** The `-d '...'` / `--data '...'` body of a curl command, when it has one (some pages leave the quote open). */
function curlBody(text: string): string | null {
	const match = /(?:-d|--data(?:-raw)?)\s+'([\s\S]*)$/.exec(text);
	return match ? match[1].trim().replace(/'$/, '').trim() : null;
}

/** Every JSON example of one page. */
export function examplesOfPage(file: string, content: string): DocExample[] {
	const lines = content.split('\n');
	const headings: string[] = [];
	const examples: DocExample[] = [];
	let fenceStart = -1;
	let fence: string[] = [];
	const seen = new Map<string, number>();
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (fenceStart < 0) {
			const heading = /^(#{2,6})\s+(.*?)\s*$/.exec(line);
			if (heading) {
				headings.length = heading[1].length - 2;
				headings.push(heading[2]);
			} else if (/^\s*```/.test(line)) {
				fenceStart = i + 1;
				fence = [];
			}
			continue;
		}
		if (!/^\s*```/.test(line)) {
			fence.push(line);
			continue;
		}
		const raw = fence.join('\n');
		const trimmed = raw.trim();
		const body = trimmed.startsWith('{') || trimmed.startsWith('[') ? trimmed : /^curl\b/.test(trimmed) ? curlBody(trimmed) : null;
		if (body !== null) {
			const section = headings.filter(Boolean).join(' › ');
			let key = `${file} § ${section} [${normalizedHash(body)}]`;
			const repeats = seen.get(key) ?? 0;
			seen.set(key, repeats + 1);
			if (repeats > 0) key += ` #${repeats + 1}`;
			examples.push({ key, file, section, line: fenceStart + 1, text: body, origin: body === trimmed ? 'fence' : 'curl' });
		}
		fenceStart = -1;
	}
	return examples;
}

/** Every JSON example of every page, in file order; throws when the pages are not there. */
export function allExamples(dir = META_DOCS_DIR): DocExample[] {
	if (!existsSync(dir)) throw new Error(`Meta's pages are missing: expected them at ${dir} (a copy of shared/ beside the repository)`);
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.md') && f !== 'README.md')
		.sort();
	return files.flatMap((file) => examplesOfPage(file, readFileSync(join(dir, file), 'utf8')));
}

/**
 * JSON as the pages write it: strict JSON first; else with the liberties the pages take removed
 * (`//` comments, `{...}` / `[...]` / `....` elisions, trailing commas, line breaks inside strings). Returns
 * undefined when it still is not JSON
 * (syntax templates such as `"type": <TYPE>`).
 */
export function parseExample(text: string): { value: unknown; lenient: boolean } | undefined {
	try {
		return { value: JSON.parse(text), lenient: false };
	} catch {
		// fall through to the lenient reading
	}
	const cleaned = stripComments(text)
		.replace(/\{\s*\.\.\.\s*\}/g, '{}')
		.replace(/\[\s*\.\.\.\s*\]/g, '[]')
		.replace(/^\s*\.{3,}\s*,?\s*$/gm, '')
		.replace(/,(\s*[}\]])/g, '$1');
	try {
		return { value: JSON.parse(cleaned), lenient: true };
	} catch {
		return undefined;
	}
}

/** Removes `// ...` comments that are outside strings; a line break inside a string becomes a space. */
function stripComments(text: string): string {
	let out = '';
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			out += c === '\n' ? ' ' : c;
			if (c === '\\') out += text[++i] ?? '';
			else if (c === '"') inString = false;
		} else if (c === '"') {
			inString = true;
			out += c;
		} else if (c === '/' && text[i + 1] === '/') {
			while (i < text.length && text[i] !== '\n') i++;
			out += '\n';
		} else out += c;
	}
	return out;
}
