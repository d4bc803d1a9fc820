/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A small client of a Node process's inspector (Chrome DevTools Protocol over WebSocket): the bench
 * reads the real n8n's memory after a forced garbage collection, and can record a CPU profile of it.
 * Uses the WebSocket client built into Node 22+ (the toolchain's Node 24).
 */
interface MinimalSocket {
	onopen: (() => void) | null;
	onerror: ((event: unknown) => void) | null;
	onmessage: ((event: { data: string }) => void) | null;
	send(data: string): void;
	close(): void;
}

export interface ProcessMemory {
	heapUsed: number;
	/** Bytes of ArrayBuffers (typed arrays, Buffers): they live outside the JS heap, so heapUsed does not hold them. */
	arrayBuffers: number;
	rss: number;
}

export class Inspector {
	private nextId = 0;
	private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

	private constructor(private readonly socket: MinimalSocket) {
		socket.onmessage = (event) => {
			const message = JSON.parse(event.data) as { id?: number; result?: unknown; error?: { message: string } };
			const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
			if (!waiter) return;
			this.pending.delete(message.id as number);
			if (message.error) waiter.reject(new Error(message.error.message));
			else waiter.resolve(message.result);
		};
	}

	static async connect(port: number): Promise<Inspector> {
		const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
		const Socket = (globalThis as unknown as { WebSocket?: new (url: string) => MinimalSocket }).WebSocket;
		if (!Socket) throw new Error('this Node has no WebSocket client (Node 22+ needed)');
		const socket = new Socket(targets[0].webSocketDebuggerUrl);
		await new Promise<void>((resolve, reject) => {
			socket.onopen = () => resolve();
			socket.onerror = () => reject(new Error(`inspector on port ${port}: connection failed`));
		});
		return new Inspector(socket);
	}

	call<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
		const id = ++this.nextId;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.socket.send(JSON.stringify({ id, method, params }));
		});
	}

	/** Heap used and RSS of the process after two full garbage collections. */
	async memoryAfterGc(): Promise<ProcessMemory> {
		await this.call('HeapProfiler.collectGarbage');
		await this.call('HeapProfiler.collectGarbage');
		const answer = await this.call<{ result: { value: ProcessMemory } }>('Runtime.evaluate', {
			expression: '(() => { const m = process.memoryUsage(); return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss }; })()',
			returnByValue: true,
		});
		return answer.result.value;
	}

	/** Records a CPU profile of the process while `during` runs (open it in Chrome DevTools or speedscope). */
	async cpuProfile(during: () => Promise<unknown>): Promise<unknown> {
		await this.call('Profiler.enable');
		await this.call('Profiler.start');
		const stopped = () => this.call<{ profile: unknown }>('Profiler.stop');
		try {
			await during();
		} catch (error) {
			await stopped();
			throw error;
		}
		return (await stopped()).profile;
	}

	close(): void {
		this.socket.close();
	}
}
