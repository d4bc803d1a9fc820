/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Webhook delivery like Meta's: updates that are pending together go out in one POST (after a short
 * batching window, or at once on flush), signed with X-Hub-Signature-256 over the exact bytes sent,
 * and retried with bounded backoff while the receiver fails. Deliveries go only to the URLs the
 * operator configured for each channel, never to a URL found in a payload.
 */
import http from 'http';
import https from 'https';
import { randomInt } from 'crypto';
import { signBody } from '../core/signatures';

/** Which API the update's order came through; each may have its own webhook target. */
export type Channel = 'cloudApi' | 'dialog360';

export interface WebhookTarget {
	url: string;
	/** Signs deliveries (X-Hub-Signature-256) when set. */
	appSecret?: string;
	/** Extra headers sent with each delivery (360dialog's registered headers). */
	headers?: Record<string, string>;
	/** The webhook fields subscribed to (a Meta app subscription); other updates are not delivered. Default: all. */
	fields?: string[];
}

/** One update for one change of an entry: `messages` updates of the same number share a change. */
export interface WebhookUpdate {
	wabaId: string;
	field: string;
	value: Record<string, unknown>;
}

export interface RetryPolicy {
	/** Total attempts per delivery, including the first. */
	attempts: number;
	/** Delay before attempt n+1 is delaysMs[n-1] (the last one repeats). */
	delaysMs: number[];
}

export interface DispatcherOptions {
	batchWindowMs: number;
	retry: RetryPolicy;
	timeoutMs: number;
	/** A shared secret header added to every delivery (the alternative to signatures). */
	secretHeader?: { name: string; value: string };
	/** The clock (epoch ms) of each entry's `time`. Default Date.now. */
	now?: () => number;
}

export interface DeliveryAttempt {
	at: string;
	status?: number;
	error?: string;
}

export interface DeliveryRecord {
	id: number;
	channel: Channel;
	/** Undefined when no webhook URL was configured (state "skipped"). */
	url?: string;
	state: 'pending' | 'delivered' | 'failed' | 'skipped';
	signed: boolean;
	updates: number;
	fields: string[];
	attempts: DeliveryAttempt[];
	body: unknown;
}

/** Meta batches up to 1000 updates into one POST. */
const MAX_UPDATES_PER_DELIVERY = 1000;
/** Arrays of a `messages` change value that merge when updates share a change. */
const MERGED_ARRAYS = ['contacts', 'messages', 'statuses', 'errors'];
const MAX_LOGGED_DELIVERIES = 500;
/** Enough for a challenge or an error message; longer answers are cut. */
const MAX_RESPONSE_TEXT = 4096;

/**
 * Builds one webhook body from updates: one entry per WABA, one change per (field, phone number). Each entry carries
 * `time`, the epoch seconds the webhook fired (payment-configuration-update-webhook-reference.md § Parameters).
 */
export function buildWebhookBody(updates: WebhookUpdate[], time: number): Record<string, unknown> {
	const entries = new Map<string, { id: string; time: number; changes: Array<{ value: Record<string, unknown>; field: string }> }>();
	for (const update of updates) {
		let entry = entries.get(update.wabaId);
		if (!entry) entries.set(update.wabaId, (entry = { id: update.wabaId, time, changes: [] }));
		const phoneNumberId = (update.value.metadata as { phone_number_id?: string } | undefined)?.phone_number_id;
		const shared =
			update.field === 'messages' &&
			entry.changes.find((c) => c.field === 'messages' && (c.value.metadata as { phone_number_id?: string } | undefined)?.phone_number_id === phoneNumberId);
		if (!shared) {
			entry.changes.push({ value: structuredClone(update.value), field: update.field });
			continue;
		}
		for (const key of MERGED_ARRAYS) {
			const items = update.value[key];
			if (!Array.isArray(items)) continue;
			const into = ((shared.value[key] as unknown[] | undefined) ??= []);
			for (const item of items) {
				const waId = key === 'contacts' ? (item as { wa_id?: string }).wa_id : undefined;
				if (waId !== undefined && into.some((c) => (c as { wa_id?: string }).wa_id === waId)) continue;
				into.push(structuredClone(item));
			}
		}
	}
	return { object: 'whatsapp_business_account', entry: [...entries.values()] };
}

export class WebhookDispatcher {
	private readonly targets = new Map<Channel, WebhookTarget>();
	private readonly pending = new Map<Channel, WebhookUpdate[]>();
	private readonly deliveries: DeliveryRecord[] = [];
	private readonly requests = new Set<http.ClientRequest>();
	/** Each delivery not finished yet (in flight or waiting for a retry), with what stops it. */
	private readonly running = new Map<Promise<void>, () => void>();
	private batchTimer: NodeJS.Timeout | undefined;
	private nextId = 1;
	private closed = false;

	constructor(private readonly options: DispatcherOptions) {}

	/** Meta's subscription check of a URL before it is saved (see verifySubscription). */
	verify(url: string, verifyToken: string): Promise<string | undefined> {
		return verifySubscription(url, verifyToken, this.options.timeoutMs, this.requests);
	}

	setTarget(channel: Channel, target: WebhookTarget | undefined): void {
		if (target) this.targets.set(channel, { ...target });
		else this.targets.delete(channel);
	}

	getTarget(channel: Channel): WebhookTarget | undefined {
		return this.targets.get(channel);
	}

	/** 360dialog updates go to the 360dialog webhook when one is registered, else to the operator's default. */
	targetFor(channel: Channel): WebhookTarget | undefined {
		return this.targets.get(channel) ?? (channel === 'dialog360' ? this.targets.get('cloudApi') : undefined);
	}

	enqueue(channel: Channel, update: WebhookUpdate): void {
		if (this.closed) return;
		const queue = this.pending.get(channel) ?? [];
		queue.push(update);
		this.pending.set(channel, queue);
		this.batchTimer ??= setTimeout(() => {
			this.batchTimer = undefined;
			void this.flush();
		}, this.options.batchWindowMs);
	}

	/** Sends everything pending now; resolves when each new delivery's first attempt has finished. */
	async flush(): Promise<DeliveryRecord[]> {
		this.cancelBatch();
		const started: Array<Promise<void>> = [];
		const records: DeliveryRecord[] = [];
		for (const [channel, queued] of this.pending) {
			const fields = this.targetFor(channel)?.fields;
			const updates = fields ? queued.filter((update) => fields.includes(update.field)) : queued;
			for (let i = 0; i < updates.length; i += MAX_UPDATES_PER_DELIVERY) {
				const batch = updates.slice(i, i + MAX_UPDATES_PER_DELIVERY);
				const record = this.startDelivery(channel, batch);
				records.push(record.record);
				if (record.firstAttempt) started.push(record.firstAttempt);
			}
		}
		this.pending.clear();
		await Promise.all(started);
		return records;
	}

	/** Resolves when nothing is pending, in flight or waiting for a retry. */
	async idle(): Promise<void> {
		await this.flush();
		while (this.running.size > 0) await Promise.all([...this.running.keys()]);
	}

	log(): DeliveryRecord[] {
		return this.deliveries.map((d) => structuredClone(d));
	}

	/** Forgets pending updates, the delivery log and the deliveries still retrying; targets stay. */
	clear(): void {
		this.stopAll();
		this.deliveries.length = 0;
	}

	/** Stops every delivery (aborting requests in flight); resolves at once, whatever the receivers do. */
	async close(): Promise<void> {
		this.closed = true;
		this.stopAll();
		for (const request of this.requests) request.destroy();
		await Promise.allSettled([...this.running.keys()]);
	}

	private cancelBatch(): void {
		clearTimeout(this.batchTimer);
		this.batchTimer = undefined;
	}

	/** Drops pending updates and settles every running delivery: a retry that will never come must not be waited for. */
	private stopAll(): void {
		this.cancelBatch();
		this.pending.clear();
		for (const stop of this.running.values()) stop();
	}

	private startDelivery(channel: Channel, updates: WebhookUpdate[]): { record: DeliveryRecord; firstAttempt?: Promise<void> } {
		const body = buildWebhookBody(updates, Math.floor((this.options.now ?? Date.now)() / 1000));
		const target = this.targetFor(channel);
		const record: DeliveryRecord = {
			id: this.nextId++,
			channel,
			url: target?.url,
			state: target ? 'pending' : 'skipped',
			signed: Boolean(target?.appSecret),
			updates: updates.length,
			fields: [...new Set(updates.map((u) => u.field))],
			attempts: [],
			body,
		};
		this.deliveries.push(record);
		if (this.deliveries.length > MAX_LOGGED_DELIVERIES) this.deliveries.shift();
		if (!target) return { record };
		// The exact bytes are fixed once: every retry sends (and signs) the same payload, like Meta.
		const raw = Buffer.from(JSON.stringify(body));
		const headers: Record<string, string> = {
			...target.headers,
			'content-type': 'application/json',
			'user-agent': 'facebookexternalua',
		};
		if (target.appSecret) headers['x-hub-signature-256'] = signBody(raw, target.appSecret);
		if (this.options.secretHeader) headers[this.options.secretHeader.name.toLowerCase()] = this.options.secretHeader.value;

		let firstAttemptDone: () => void = () => undefined;
		const firstAttempt = new Promise<void>((resolve) => (firstAttemptDone = resolve));
		let finish: () => void = () => undefined;
		const finished = new Promise<void>((resolve) => (finish = resolve));
		let stopped = false;
		let retryTimer: NodeJS.Timeout | undefined;
		const stop = () => {
			stopped = true;
			clearTimeout(retryTimer);
			finish();
		};
		const attempt = async (): Promise<void> => {
			const result = await sendRequest('POST', target.url, this.options.timeoutMs, this.requests, raw, headers);
			if (stopped) return;
			record.attempts.push({ at: new Date().toISOString(), ...(result.status !== undefined ? { status: result.status } : { error: result.error }) });
			// Only 200 counts as taken (create-a-webhook-endpoint.md § POST requests › Response): a 204 or 202 is retried.
			const ok = result.status === 200;
			const { attempts, delaysMs } = this.options.retry;
			if (ok || record.attempts.length >= attempts) {
				record.state = ok ? 'delivered' : 'failed';
				finish();
			} else {
				const delay = delaysMs[Math.min(record.attempts.length - 1, delaysMs.length - 1)] ?? 0;
				retryTimer = setTimeout(() => void attempt(), delay);
			}
			if (record.attempts.length === 1) firstAttemptDone();
		};
		const tracked = finished.finally(() => {
			firstAttemptDone();
			this.running.delete(tracked);
		});
		this.running.set(tracked, stop);
		void attempt();
		return { record, firstAttempt };
	}
}

/** A webhook URL the operator gives: http or https, nothing else. Returns the problem, if any. */
export function webhookUrlError(url: unknown): string | undefined {
	if (typeof url !== 'string' || url === '') return 'url: is required';
	try {
		const parsed = new URL(url);
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'url: must be an http or https URL';
	} catch {
		return 'url: must be a valid URL';
	}
	return undefined;
}

/** An HTTP header name: RFC 9110's token characters. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** A header value Node will send: Latin-1 without control characters other than tab (so never CR, LF or NUL). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Headers the operator registers for deliveries ({name: value}): a problem naming the header, if any. Checked
 * when they are registered, because a CR/LF or a character beyond Latin-1 would make every delivery fail.
 */
export function webhookHeadersError(headers: unknown): string | undefined {
	if (headers === undefined) return undefined;
	if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return 'headers: must be an object of header names to string values';
	for (const [name, value] of Object.entries(headers)) {
		if (!HEADER_NAME.test(name)) return `headers: ${JSON.stringify(name)} is not a valid header name`;
		if (typeof value !== 'string') return `headers.${name}: must be a string`;
		if (!HEADER_VALUE.test(value)) return `headers.${name}: the value must be Latin-1 text without CR, LF or other control characters`;
	}
	return undefined;
}

export interface RequestResult {
	status?: number;
	/** The response body, for short answers (the subscription challenge). */
	text?: string;
	error?: string;
}

/**
 * One HTTP request; never rejects. Errors are described by their code, never with the URL (its query
 * may hold a secret). `active` tracks the request so that closing the sandbox can abort it. The answer's text is
 * kept up to `maxText` bytes. (Node's fetch is not used: it sends a request answered 421 a second time by itself.)
 */
export function sendRequest(
	method: 'GET' | 'POST',
	url: string,
	timeoutMs: number,
	active: Set<http.ClientRequest>,
	raw?: Buffer,
	headers: Record<string, string> = {},
	maxText = MAX_RESPONSE_TEXT,
): Promise<RequestResult> {
	return new Promise((resolve) => {
		let target: URL;
		try {
			target = new URL(url);
		} catch {
			return resolve({ error: 'invalid URL' });
		}
		const client = target.protocol === 'https:' ? https : http;
		let request: http.ClientRequest;
		try {
			request = client.request(
				target,
				{ method, headers: raw ? { ...headers, 'content-length': String(raw.length) } : headers, timeout: timeoutMs },
				(response) => {
					const chunks: Buffer[] = [];
					let size = 0;
					response.on('data', (c: Buffer) => {
						size += c.length;
						if (size <= maxText) chunks.push(c);
					});
					response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
					response.on('error', (e) => resolve({ error: e.message }));
				},
			);
		} catch (e) {
			// Node refuses some headers synchronously (e.g. an invalid character): a failed attempt, never a crash.
			return resolve({ error: (e as NodeJS.ErrnoException).code ?? 'the request could not be made' });
		}
		active.add(request);
		request.on('close', () => active.delete(request));
		request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		request.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
		request.end(raw);
	});
}

/**
 * Meta's check when a webhook URL is saved: GET ?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..,
 * and the receiver must answer 200 with the challenge. Returns the problem, if any.
 */
export async function verifySubscription(url: string, verifyToken: string, timeoutMs: number, active: Set<http.ClientRequest>): Promise<string | undefined> {
	const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
	const target = new URL(url);
	target.searchParams.set('hub.mode', 'subscribe');
	target.searchParams.set('hub.verify_token', verifyToken);
	target.searchParams.set('hub.challenge', challenge);
	const result = await sendRequest('GET', target.toString(), timeoutMs, active);
	if (result.error) return `the verification request failed: ${result.error}`;
	if (result.status !== 200) return `the verification request was answered ${result.status}`;
	return result.text?.trim() === challenge ? undefined : 'the verification request was not answered with the challenge';
}
