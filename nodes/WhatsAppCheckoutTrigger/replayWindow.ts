/**
 * A checkout request that arrives again, byte for byte (the same signed, encrypted body), gets the first one's answer
 * again and starts no execution; one that arrives while the first still runs waits for that answer.
 *
 * Why this answer: WhatsApp draws a new AES key for every request, so two identical bodies are one request sent
 * twice. The pages (checkout-button-templates.md, implement-endpoints-for-flows.md) describe one resend only, after a
 * 421, and that one is encrypted anew for the public key downloaded again: a new body. They say nothing of sending the
 * same body again (after a timeout or a dropped connection), so we cannot rule it out; if the client or a proxy on the
 * way does, the first answer is the right one for it and the buyer sees it. A refusal could break a legitimate
 * checkout (and 421 would send the client to download the public key for nothing). Whoever replays a captured request
 * gets nothing new: the same ciphertext, under an AES key only the buyer's client holds. What a replay no longer does
 * is run the merchant's workflow again.
 *
 * A request is remembered for WINDOW_MS from its first arrival, or less when the window is full (the oldest is
 * forgotten first): after that a replay runs the workflow again, as a new request would; the window bounds how often
 * one captured request can run it (once per WINDOW_MS), it cannot know a request it has forgotten.
 * One window per trigger node and endpoint (test or production), in this process's memory, like the Payments
 * Trigger's (../WhatsAppPaymentsTrigger/dedupeWindows.ts, which also says what several n8n processes mean for it).
 * core/dedupe.ts keeps digests only; this window must keep each request's answer, so it is a Map of SHA-256 digests
 * of the body to answers: at most MAX_REQUESTS requests and MAX_ANSWER_BYTES of answers (docs/checkout.md).
 */
import { createHash } from 'crypto';

export const WINDOW_MS = 10 * 60_000;
export const MAX_REQUESTS = 2_000;
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** The first request's answer as the client received it. */
export interface KeptAnswer {
	status: number;
	contentType: string | undefined;
	body: Buffer;
}

/** A repeat: the first request's answer (once it has one). A first: how to keep its answer. */
export type Claim = { repeat: Promise<KeptAnswer> } | { keep: (answer: KeptAnswer) => void };

interface Entry {
	firstSeenMs: number;
	answer: Promise<KeptAnswer>;
	/** The kept answer's size: 0 until it is kept. */
	bytes: number;
}

export class ReplayWindow {
	/** Digest of the body -> its entry, in the order of first arrival (the oldest first). */
	private readonly entries = new Map<string, Entry>();

	private answerBytes = 0;

	/** `nowMs`: the current time in epoch milliseconds. */
	claim(body: Buffer, nowMs: number): Claim {
		this.expire(nowMs);
		const key = createHash('sha256').update(body).digest('base64');
		const kept = this.entries.get(key);
		if (kept) return { repeat: kept.answer };
		if (this.entries.size >= MAX_REQUESTS) this.forgetOldest();
		let resolve!: (answer: KeptAnswer) => void;
		const entry: Entry = { firstSeenMs: nowMs, bytes: 0, answer: new Promise((settle) => (resolve = settle)) };
		this.entries.set(key, entry);
		return {
			keep: (answer) => {
				resolve(answer);
				// Forgotten meanwhile (the window was full): its waiting repeats have the answer, the window does not keep it.
				if (this.entries.get(key) !== entry) return;
				entry.bytes = answer.body.length;
				this.answerBytes += entry.bytes;
				while (this.answerBytes > MAX_ANSWER_BYTES) this.forgetOldest();
			},
		};
	}

	/** Entries whose time is up are the oldest, so this stops at the first live one. */
	private expire(nowMs: number): void {
		for (const entry of this.entries.values()) {
			if (nowMs - entry.firstSeenMs < WINDOW_MS) return;
			this.forgetOldest();
		}
	}

	private forgetOldest(): void {
		const oldest = this.entries.entries().next();
		if (oldest.done) return;
		this.entries.delete(oldest.value[0]);
		this.answerBytes -= oldest.value[1].bytes;
	}
}

const windows = new Map<string, ReplayWindow>();

/** The window of a trigger node and endpoint (scope: dedupeScope of ../WhatsAppPaymentsTrigger/dedupeWindows.ts). */
export function replayWindowFor(scope: string): ReplayWindow {
	let window = windows.get(scope);
	if (!window) {
		window = new ReplayWindow();
		windows.set(scope, window);
	}
	return window;
}

/** The response as far as keeping its answer needs it: n8n's express response, a Node http response. */
interface Response {
	statusCode: number;
	getHeader(name: string): unknown;
	write: (...args: never[]) => unknown;
	end: (...args: never[]) => unknown;
}

function bytesOf(chunk: unknown, encoding: unknown): Buffer | undefined {
	if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
	return chunk instanceof Uint8Array ? Buffer.from(chunk) : undefined;
}

/** The chunks in a buffer of their own: a small one from Node's shared pool would keep its whole 8 KiB slab alive. */
function ownBytes(chunks: Buffer[]): Buffer {
	const bytes = Buffer.allocUnsafeSlow(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
	let at = 0;
	for (const chunk of chunks) at += chunk.copy(bytes, at);
	return bytes;
}

/**
 * Calls `keep` with the answer n8n writes to `response`, whichever node writes it (Respond to Checkout through n8n's
 * sendResponse, or n8n's own 500 or empty 200): n8n always ends the response, so every first request's answer is kept.
 */
export function onAnswer(response: Response, keep: (answer: KeptAnswer) => void): void {
	const chunks: Buffer[] = [];
	let ended = false;
	const { write, end } = response;
	response.write = (...args: unknown[]) => {
		const bytes = ended ? undefined : bytesOf(args[0], args[1]);
		if (bytes) chunks.push(bytes);
		return write.apply(response, args as never[]);
	};
	response.end = (...args: unknown[]) => {
		if (!ended) {
			ended = true;
			const bytes = bytesOf(args[0], args[1]);
			if (bytes) chunks.push(bytes);
			const contentType = response.getHeader('content-type');
			keep({ status: response.statusCode, contentType: contentType === undefined ? undefined : String(contentType), body: ownBytes(chunks) });
		}
		return end.apply(response, args as never[]);
	};
}
