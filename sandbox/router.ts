/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A small HTTP router: routes are `METHOD /literal/:param/...` patterns, each in a group that decides
 * how the server treats it (which credential it needs, whether faults apply). Kept minimal so a web
 * page (a phone simulator) can be served by adding a route that answers text.
 */
import type { IncomingHttpHeaders } from 'http';

/**
 * Which API a route belongs to: the group decides its authentication and whether faults apply.
 * `app`: Graph API calls made with the Meta app's own access token (the app's webhook subscriptions).
 */
export type RouteGroup = 'cloudApi' | 'app' | 'dialog360' | 'control';

export interface SandboxRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	/** The parsed JSON body; undefined when the body was empty (a body that is not JSON never reaches a handler). */
	body: unknown;
}

export interface SandboxResponse {
	status: number;
	/** Sent as JSON unless it is a string or a Buffer (then sent as is with `contentType`). */
	body?: unknown;
	contentType?: string;
	/** What the request log records about the request besides method, path and status. */
	log?: { referenceId?: string; messageType?: string };
}

export const ok = (body: unknown, log?: SandboxResponse['log']): SandboxResponse => ({ status: 200, body, log });
/** Errors of the sandbox's own control API (not Meta's API): plain {error: {message}}. */
export const controlError = (status: number, message: string): SandboxResponse => ({ status, body: { error: { message } } });

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

interface Route {
	method: string;
	segments: string[];
	group: RouteGroup;
	handler: Handler;
}

export interface FoundRoute {
	kind: 'found';
	group: RouteGroup;
	handler: Handler;
	params: Record<string, string>;
}

export type RouteMatch =
	| FoundRoute
	| { kind: 'methodNotAllowed'; group: RouteGroup }
	| { kind: 'notFound' };

const splitPath = (path: string): string[] => path.split('/').filter((s) => s !== '');

export class Router {
	private readonly routes: Route[] = [];

	/** `paramPatterns` constrain named parameters everywhere, e.g. `{ version: /^v\d+\.\d+$/ }`. */
	constructor(private readonly paramPatterns: Record<string, RegExp> = {}) {}

	/** Routes match in the order they were added. */
	add(method: string, pattern: string, group: RouteGroup, handler: Handler): this {
		this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), group, handler });
		return this;
	}

	match(method: string, path: string): RouteMatch {
		let segments: string[];
		try {
			segments = splitPath(path).map(decodeURIComponent);
		} catch {
			return { kind: 'notFound' };
		}
		let otherMethod: RouteGroup | undefined;
		for (const route of this.routes) {
			const params = this.matchSegments(route.segments, segments);
			if (!params) continue;
			if (route.method === method.toUpperCase()) return { kind: 'found', group: route.group, handler: route.handler, params };
			otherMethod ??= route.group;
		}
		return otherMethod ? { kind: 'methodNotAllowed', group: otherMethod } : { kind: 'notFound' };
	}

	private matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
		if (pattern.length !== segments.length) return undefined;
		const params: Record<string, string> = {};
		for (let i = 0; i < pattern.length; i++) {
			const p = pattern[i];
			if (p.startsWith(':')) {
				const name = p.slice(1);
				if (segments[i] === '' || (this.paramPatterns[name] && !this.paramPatterns[name].test(segments[i]))) return undefined;
				params[name] = segments[i];
			} else if (p !== segments[i]) {
				return undefined;
			}
		}
		return params;
	}
}
