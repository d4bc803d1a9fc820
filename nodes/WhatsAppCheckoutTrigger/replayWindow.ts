/**
 * A checkout request that arrives again on the production URL, byte for byte (the same signed, encrypted body), gets
 * the first one's answer again when that was a success (2xx), and starts no execution; one that arrives while the
 * first still runs waits for that answer (at most ANSWER_WAIT_MS).
 *
 * Why this answer: two identical bodies are one request sent twice, since the AES key travels under RSA-OAEP, which is
 * randomized, so even a reused key gives a new encrypted_aes_key (our inference: the pages do not say how the client
 * draws its key). The pages (checkout-button-templates.md, implement-endpoints-for-flows.md) describe one resend only, after a
 * 421, and that one is encrypted anew for the public key downloaded again: a new body. They say nothing of sending the
 * same body again (after a timeout or a dropped connection), so we cannot rule it out; if the client or a proxy on the
 * way does, a successful first answer is the right one for it and the buyer sees it. A failure is not kept: it is the
 * likeliest reason to send a body again, and the merchant may have fixed the workflow since, so the next identical
 * body runs the workflow (repeats already waiting get the failure). A refusal could break a legitimate checkout (and
 * 421 would send the client to download the public key for nothing). Whoever replays a captured request gets nothing
 * new: the same ciphertext, under an AES key only the buyer's client holds. What a replay no longer does is run the
 * merchant's workflow again (unless it fails, as the first did).
 *
 * Nothing proves n8n ends every response (a queue-mode worker can die mid-execution), so a repeat waits at most
 * ANSWER_WAIT_MS, and not at all once the first request's response closed without an answer (its client gone); then
 * it gets n8n's kind of error answer, without an execution, and the request is forgotten. Why 10 s: the pages state no
 * time limit for an answer; implement-endpoints-for-flows.md sends the reader to the Flows health guide (not in our
 * copy), which speaks of a 10 s timeout (docs/checkout.md, Answer-time budget): past it WhatsApp has given up.
 *
 * A request is remembered for WINDOW_MS from its first arrival, or less when the window is full (the oldest is
 * forgotten first): after that a replay runs the workflow again, as a new request would; the window bounds how often
 * one captured request can run it (once per WINDOW_MS), it cannot know a request it has forgotten. Each checkout
 * request to this process forgets, in every window, what is older than WINDOW_MS and drops the windows left empty.
 * One window per trigger node's production URL, in this process's memory, like the Payments Trigger's
 * (../WhatsAppPaymentsTrigger/dedupeWindows.ts, which also says what several n8n processes mean for it). The editor's
 * test URL has none: n8n keeps listening until a request starts an execution, so a replayed answer would leave the
 * editor waiting, and whoever sends a saved body there again wants the workflow to run.
 * core/dedupe.ts keeps digests only; this window must keep each request's answer, so it is a Map of SHA-256 digests
 * of the body to answers: at most MAX_REQUESTS requests and MAX_ANSWER_BYTES of answers (docs/checkout.md).
 */
import { createHash } from 'crypto';

export const WINDOW_MS = 10 * 60_000;
export const MAX_REQUESTS = 2_000;
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/** How long a repeat waits for the first request's answer (why 10 s: above). */
export const ANSWER_WAIT_MS = 10_000;

/** The first request's answer as the client received it. */
export interface KeptAnswer {
	status: number;
	contentType: string | undefined;
	body: Buffer;
}

/**
 * A repeat: the first request's answer once it has one, undefined when it got none (see ANSWER_WAIT_MS).
 * A first: how to keep its answer (undefined: its response closed without one).
 */
export type Claim = { repeat: Promise<KeptAnswer | undefined> } | { keep: (answer: KeptAnswer | undefined) => void };

interface Entry {
	firstSeenMs: number;
	answer: Promise<KeptAnswer | undefined>;
	/** Gives `answer` its value, once: the first request's answer, or undefined (none). */
	settle: (answer: KeptAnswer | undefined) => void;
	settled: boolean;
	/** The kept answer's size: 0 until it is kept. */
	bytes: number;
}

export class ReplayWindow {
	/** Digest of the body -> its entry, in the order of first arrival (the oldest first). */
	private readonly entries = new Map<string, Entry>();

	/** How long a repeat waits: ANSWER_WAIT_MS (a test shortens it rather than wait). */
	static answerWaitMs = ANSWER_WAIT_MS;

	private answerBytes = 0;

	/** `nowMs`: the current time in epoch milliseconds. */
	claim(body: Buffer, nowMs: number): Claim {
		this.expire(nowMs);
		const key = createHash('sha256').update(body).digest('base64');
		const kept = this.entries.get(key);
		if (kept?.settled) return { repeat: kept.answer };
		if (kept) {
			// Past the deadline the request is forgotten and its repeats get no answer. AbortSignal.timeout: n8n's rules
			// allow no setTimeout, and its timer does not hold the process open.
			const deadline = AbortSignal.timeout(ReplayWindow.answerWaitMs);
			const giveUp = () => this.forget(key, kept);
			deadline.addEventListener('abort', giveUp, { once: true });
			return { repeat: kept.answer.finally(() => deadline.removeEventListener('abort', giveUp)) };
		}
		if (this.entries.size >= MAX_REQUESTS) this.forgetOldest();
		let resolve!: (answer: KeptAnswer | undefined) => void;
		const entry: Entry = {
			firstSeenMs: nowMs,
			bytes: 0,
			settled: false,
			answer: new Promise((settle) => (resolve = settle)),
			settle: (answer) => {
				entry.settled = true;
				resolve(answer);
			},
		};
		this.entries.set(key, entry);
		return {
			keep: (answer) => {
				entry.settle(answer);
				// No answer or a failure: forgotten, so the next identical body runs the workflow again.
				if (!answer || answer.status < 200 || answer.status >= 300) return this.forget(key, entry);
				// Forgotten meanwhile (the window was full, or a repeat's wait ran out): its waiting repeats have the answer, the window does not keep it.
				if (this.entries.get(key) !== entry) return;
				entry.bytes = answer.body.length;
				this.answerBytes += entry.bytes;
				while (this.answerBytes > MAX_ANSWER_BYTES) this.forgetOldest();
			},
		};
	}

	get isEmpty(): boolean {
		return this.entries.size === 0;
	}

	/** Entries whose time is up are the oldest, so this stops at the first live one. */
	expire(nowMs: number): void {
		for (const entry of this.entries.values()) {
			if (nowMs - entry.firstSeenMs < WINDOW_MS) return;
			this.forgetOldest();
		}
	}

	/** Forgets the request (when still this entry) and gives its waiting repeats no answer unless it had one. */
	private forget(key: string, entry: Entry): void {
		entry.settle(undefined);
		if (this.entries.get(key) !== entry) return;
		this.entries.delete(key);
		this.answerBytes -= entry.bytes;
	}

	private forgetOldest(): void {
		const oldest = this.entries.entries().next();
		if (oldest.done) return;
		this.entries.delete(oldest.value[0]);
		this.answerBytes -= oldest.value[1].bytes;
	}
}

const windows = new Map<string, ReplayWindow>();

/**
 * The window of a trigger node's production URL (scope: dedupeScope of ../WhatsAppPaymentsTrigger/dedupeWindows.ts).
 * Every window forgets first what is older than WINDOW_MS, and an empty one is dropped.
 */
export function replayWindowFor(scope: string, nowMs: number): ReplayWindow {
	for (const [other, window] of windows) {
		window.expire(nowMs);
		if (window.isEmpty) windows.delete(other);
	}
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
	once(event: 'close', listener: () => void): unknown;
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
 * sendResponse, or n8n's own 500 or empty 200), or with undefined when the response closes without one (its client
 * gone). Nothing proves n8n ends every response (a queue-mode worker may die mid-execution): the repeats' wait is bounded.
 */
export function onAnswer(response: Response, keep: (answer: KeptAnswer | undefined) => void): void {
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
	response.once('close', () => {
		if (!ended) {
			ended = true;
			keep(undefined);
		}
	});
}
