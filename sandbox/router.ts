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
	/**
	 * The parsed JSON body, or a form's text fields on a route that takes a form; undefined when the body was empty
	 * (a body that cannot be read never reaches a handler).
	 */
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

/** A loopback host name as it appears in a Host or Origin header: localhost, 127.x.x.x or [::1]. */
const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

function isLoopbackAuthority(authority: string | undefined, protocols = ['http:']): boolean {
	if (!authority) return false;
	try {
		const url = new URL(authority.includes('://') ? authority : `http://${authority}`);
		return protocols.includes(url.protocol) && LOOPBACK_HOST.test(url.hostname) && url.username === '' && url.pathname === '/';
	} catch {
		return false;
	}
}

/**
 * Why a control API request (/_sandbox/*) is refused, if it is. A web page on another site must not be able to
 * drive the sandbox (retarget webhooks, pay orders): its "simple" cross-site requests carry its Origin or a
 * text/plain or form body, and a DNS-rebinding page a foreign Host. So the Host must be a loopback name, an
 * Origin (when a browser sends one) must be a loopback one too, and every request but a GET must declare a
 * JSON body, which a browser only sends cross-site after a CORS preflight that the sandbox never grants.
 */
export function controlRequestRefusal(method: string, headers: IncomingHttpHeaders): SandboxResponse | undefined {
	if (!isLoopbackAuthority(headers.host)) return controlError(403, 'host: the control API answers only a loopback Host (127.0.0.1, localhost, [::1])');
	if (headers.origin !== undefined && !isLoopbackAuthority(headers.origin, ['http:', 'https:'])) {
		return controlError(403, 'origin: the control API refuses requests from web pages of other origins');
	}
	const contentType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (method !== 'GET' && method !== 'HEAD' && contentType !== 'application/json') {
		return controlError(415, 'content-type: the control API takes only application/json (send the header, also with an empty body)');
	}
	return undefined;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface RouteOptions {
	/** The route also takes a form body (form-urlencoded or multipart/form-data), read as its text fields. */
	takesForm?: boolean;
}

interface Route extends RouteOptions {
	method: string;
	segments: string[];
	group: RouteGroup;
	handler: Handler;
}

export interface FoundRoute extends RouteOptions {
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
	add(method: string, pattern: string, group: RouteGroup, handler: Handler, options: RouteOptions = {}): this {
		this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), group, handler, ...options });
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
			if (route.method === method.toUpperCase()) return { kind: 'found', group: route.group, handler: route.handler, params, takesForm: route.takesForm };
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
