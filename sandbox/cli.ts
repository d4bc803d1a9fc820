/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * `npm run sandbox` / `./run sandbox`: the WhatsApp Payments sandbox on the command line.
 * Prints its settings (never a secret), one line per API request, and stops on Ctrl-C.
 */
import { readFileSync } from 'fs';
import { parseArgs } from 'util';
import { DEFAULTS, startSandbox, type SandboxOptions } from './index';
import { DEFAULT_FAULTS } from './faults';

const USAGE = `Usage: npm run sandbox -- [options]

  --port <n>                   port (default ${DEFAULTS.port}; 0 picks a free one)
  --host <address>             address to listen on (default ${DEFAULTS.host})
  --token <token>              Cloud API bearer token (default "${DEFAULTS.token}")
  --d360-api-key <key>         360dialog D360-API-KEY (default: the token)
  --app-secret <secret>        signs webhooks, X-Hub-Signature-256 (default "${DEFAULTS.appSecret}")
  --app-id <id>                Meta app of /{version}/{app-id}/subscriptions (default ${DEFAULTS.appId})
  --app-token <token>          its app access token (default "${DEFAULTS.appAccessToken}")
  --webhook-url <url>          where webhooks go (also POST /_sandbox/webhook)
  --webhook-secret-header <h>  "Name: value" header added to every delivery
  --webhook-batch-ms <n>       batching window of webhook updates (default ${DEFAULTS.webhookBatchMs})
  --webhook-retry-ms <n>       wait before every retry of a failed delivery (default ${DEFAULTS.webhookRetry.delaysMs.join(', ')})
  --webhook-timeout-ms <n>     time a receiver has to answer each attempt (default ${DEFAULTS.webhookTimeoutMs})
  --phone-number-id <id>       default business number (default ${DEFAULTS.phoneNumberId})
  --waba-id <id>               WhatsApp Business Account id (default ${DEFAULTS.wabaId})
  --rate-limit <n>             messages per second per number (default ${DEFAULTS.rateLimit})
  --fault-error-rate <p>       probability of HTTP 500 (code 1 or 2), 0-1
  --fault-reset-rate <p>       probability of a connection reset, 0-1
  --fault-drop-rate <p>        probability that a request is processed, then the connection drops unanswered, 0-1
  --fault-lookup-lag-ms <n>    a new order is "not found" by payment lookups for this long
  --fault-latency-ms <n>       delay added to every API request
  --seed <n>                   seed of the fault sequence (default 1)
  --rtt-ms <n>                 act "far away": each API answer waits this round trip, a new connection's
                               first answer also its handshakes' (TCP; + TLS with --tls-key)
  --tls-key <file>             serve HTTPS with this PEM key ...
  --tls-cert <file>            ... and certificate
  --quiet                      do not print requests
  --help`;

/** A number flag, or an error naming the flag. */
function numberFlag(name: string, value: string | undefined, integer: boolean): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) throw new Error(`--${name}: must be ${integer ? 'an integer' : 'a number'}, got ${JSON.stringify(value)}`);
	return n;
}

/** One wait before every retry; the number of attempts stays the default. */
function retryFlag(value: string | undefined): SandboxOptions['webhookRetry'] {
	const delayMs = numberFlag('webhook-retry-ms', value, true);
	return delayMs === undefined ? undefined : { attempts: DEFAULTS.webhookRetry.attempts, delaysMs: [delayMs] };
}

function headerFlag(value: string | undefined): SandboxOptions['webhookSecretHeader'] {
	if (value === undefined) return undefined;
	const match = /^([A-Za-z0-9-]+)\s*[:=]\s*(.+)$/.exec(value);
	if (!match) throw new Error('--webhook-secret-header: must be "Name: value"');
	return { name: match[1], value: match[2].trim() };
}

function tlsFlags(keyFile: string | undefined, certFile: string | undefined): SandboxOptions['tls'] {
	if (keyFile === undefined && certFile === undefined) return undefined;
	if (keyFile === undefined || certFile === undefined) throw new Error('--tls-key and --tls-cert: give both or neither');
	return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
}

/** How a credential is shown: whether it is the default, never its value unless it is the public default. */
const describeSecret = (value: string | undefined, fallback: string): string => (value === undefined || value === fallback ? `default ("${fallback}")` : 'custom (hidden)');

export function optionsFromArgs(args: string[]): { options: SandboxOptions; quiet: boolean; help: boolean } {
	const { values } = parseArgs({
		args,
		strict: true,
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			token: { type: 'string' },
			'd360-api-key': { type: 'string' },
			'app-secret': { type: 'string' },
			'app-id': { type: 'string' },
			'app-token': { type: 'string' },
			'webhook-url': { type: 'string' },
			'webhook-secret-header': { type: 'string' },
			'webhook-batch-ms': { type: 'string' },
			'webhook-retry-ms': { type: 'string' },
			'webhook-timeout-ms': { type: 'string' },
			'phone-number-id': { type: 'string' },
			'waba-id': { type: 'string' },
			'rate-limit': { type: 'string' },
			'fault-error-rate': { type: 'string' },
			'fault-reset-rate': { type: 'string' },
			'fault-drop-rate': { type: 'string' },
			'fault-lookup-lag-ms': { type: 'string' },
			'fault-latency-ms': { type: 'string' },
			seed: { type: 'string' },
			'rtt-ms': { type: 'string' },
			'tls-key': { type: 'string' },
			'tls-cert': { type: 'string' },
			quiet: { type: 'boolean' },
			help: { type: 'boolean' },
		},
	});
	const faults = {
		errorRate: numberFlag('fault-error-rate', values['fault-error-rate'], false),
		resetRate: numberFlag('fault-reset-rate', values['fault-reset-rate'], false),
		dropRate: numberFlag('fault-drop-rate', values['fault-drop-rate'], false),
		lookupLagMs: numberFlag('fault-lookup-lag-ms', values['fault-lookup-lag-ms'], true),
		latencyMs: numberFlag('fault-latency-ms', values['fault-latency-ms'], true),
		seed: numberFlag('seed', values.seed, true),
	};
	const options: SandboxOptions = {
		port: numberFlag('port', values.port, true),
		host: values.host,
		token: values.token,
		dialog360ApiKey: values['d360-api-key'],
		appSecret: values['app-secret'],
		appId: values['app-id'],
		appAccessToken: values['app-token'],
		webhookUrl: values['webhook-url'],
		webhookSecretHeader: headerFlag(values['webhook-secret-header']),
		webhookBatchMs: numberFlag('webhook-batch-ms', values['webhook-batch-ms'], true),
		webhookRetry: retryFlag(values['webhook-retry-ms']),
		webhookTimeoutMs: numberFlag('webhook-timeout-ms', values['webhook-timeout-ms'], true),
		phoneNumberId: values['phone-number-id'],
		wabaId: values['waba-id'],
		rateLimit: numberFlag('rate-limit', values['rate-limit'], true),
		faults: Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)),
		rttMs: numberFlag('rtt-ms', values['rtt-ms'], true),
		tls: tlsFlags(values['tls-key'], values['tls-cert']),
	};
	return { options, quiet: values.quiet ?? false, help: values.help ?? false };
}

async function main(): Promise<void> {
	let parsed: ReturnType<typeof optionsFromArgs>;
	try {
		parsed = optionsFromArgs(process.argv.slice(2));
	} catch (e) {
		console.error(`${(e as Error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (parsed.help) {
		console.log(USAGE);
		return;
	}
	const { options: sandboxOptions, quiet } = parsed;
	const sandbox = await startSandbox({
		...sandboxOptions,
		onRequest: quiet ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`),
	});
	const faults = { ...DEFAULT_FAULTS, ...sandboxOptions.faults };
	console.log(
		[
			`WhatsApp Payments sandbox listening on ${sandbox.url}`,
			`  Cloud API base URL:   ${sandbox.cloudApiUrl()}   (Authorization: Bearer, token ${describeSecret(sandboxOptions.token, DEFAULTS.token)})`,
			`  360dialog base URL:   ${sandbox.url}   (D360-API-KEY ${sandboxOptions.dialog360ApiKey === undefined ? 'same as the token' : 'custom (hidden)'})`,
			`  phone number id:      ${sandboxOptions.phoneNumberId ?? DEFAULTS.phoneNumberId}   WABA id: ${sandboxOptions.wabaId ?? DEFAULTS.wabaId}`,
			`  webhook URL:          ${sandboxOptions.webhookUrl ?? '(none: POST /_sandbox/webhook {"url": ...})'}`,
			`  app secret:           ${describeSecret(sandboxOptions.appSecret, DEFAULTS.appSecret)}`,
			`  app id:               ${sandboxOptions.appId ?? DEFAULTS.appId}   (app access token ${describeSecret(sandboxOptions.appAccessToken, DEFAULTS.appAccessToken)}; /{version}/{app-id}/subscriptions)`,
			`  secret header:        ${sandboxOptions.webhookSecretHeader ? `${sandboxOptions.webhookSecretHeader.name} (value hidden)` : '(none)'}`,
			`  rate limit:           ${sandboxOptions.rateLimit ?? DEFAULTS.rateLimit} messages/s per number`,
			`  network:              ${sandboxOptions.rttMs ? `round trip ${sandboxOptions.rttMs} ms (a new connection's first answer also waits its handshakes)` : 'local'}${sandboxOptions.tls ? ', HTTPS' : ''}`,
			`  faults:               error ${faults.errorRate}, reset ${faults.resetRate}, drop ${faults.dropRate}, lookup lag ${faults.lookupLagMs} ms, latency ${faults.latencyMs} ms, seed ${faults.seed}`,
			`  control API:          ${sandbox.url}/_sandbox/ (orders, pay, one-click, webhooks, requests, faults, reset)`,
			'Ctrl-C stops it.',
		].join('\n'),
	);
	const stop = () => {
		console.log('\nstopping the sandbox');
		sandbox.close().then(
			() => process.exit(0),
			(e: unknown) => {
				console.error(`sandbox: ${(e as Error).message}`);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((e: unknown) => {
		console.error(`sandbox: ${(e as Error).message}`);
		process.exit(1);
	});
}
