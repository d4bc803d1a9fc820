/** The command line's flags become sandbox options; bad values name the flag. */
import { optionsFromArgs } from '../../sandbox/cli';

describe('sandbox command line', () => {
	it('reads every flag', () => {
		const { options, quiet, help } = optionsFromArgs([
			'--port=0',
			'--host',
			'127.0.0.1',
			'--token',
			't',
			'--d360-api-key',
			'k',
			'--app-secret',
			's',
			'--app-id',
			'42',
			'--app-token',
			'a',
			'--webhook-url',
			'http://127.0.0.1:5678/webhook',
			'--webhook-secret-header',
			'X-Secret: abc',
			'--webhook-retry-ms',
			'600000',
			'--webhook-timeout-ms',
			'700',
			'--rate-limit',
			'10',
			'--fault-error-rate',
			'0.1',
			'--fault-reset-rate',
			'0.05',
			'--fault-latency-ms',
			'20',
			'--seed',
			'9',
			'--quiet',
		]);
		expect(options).toMatchObject({
			port: 0,
			host: '127.0.0.1',
			token: 't',
			dialog360ApiKey: 'k',
			appSecret: 's',
			appId: '42',
			appAccessToken: 'a',
			webhookUrl: 'http://127.0.0.1:5678/webhook',
			webhookSecretHeader: { name: 'X-Secret', value: 'abc' },
			webhookRetry: { attempts: 4, delaysMs: [600000] },
			webhookTimeoutMs: 700,
			rateLimit: 10,
			faults: { errorRate: 0.1, resetRate: 0.05, latencyMs: 20, seed: 9 },
		});
		expect(quiet).toBe(true);
		expect(help).toBe(false);
	});

	it('leaves unset flags to the defaults', () => {
		expect(optionsFromArgs([]).options).toMatchObject({ port: undefined, token: undefined, faults: {} });
	});

	it('names the flag that is wrong', () => {
		expect(() => optionsFromArgs(['--port', 'abc'])).toThrow('--port: must be an integer');
		expect(() => optionsFromArgs(['--fault-error-rate', 'x'])).toThrow('--fault-error-rate');
		expect(() => optionsFromArgs(['--webhook-secret-header', 'novalue'])).toThrow('--webhook-secret-header');
		expect(() => optionsFromArgs(['--webhook-retry-ms', '1.5'])).toThrow('--webhook-retry-ms: must be an integer');
		expect(() => optionsFromArgs(['--unknown'])).toThrow(/unknown/i);
	});
});
