/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Child-process entry of the bench's sandbox: the API under the sending benchmarks runs in its own
 * process (on its own core), as the real API runs on other machines, so its CPU time is not charged
 * to the client being measured. Options arrive as JSON in argv[2]; the URL leaves as one JSON line on
 * stdout; the sandbox closes when stdin ends (the parent finished or died).
 */
import { startSandbox, type SandboxOptions } from '../sandbox';

async function main(): Promise<void> {
	const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
	const sandbox = await startSandbox({ ...options, port: 0 });
	process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
	process.stdin.resume();
	process.stdin.on('end', () => {
		void sandbox.close().then(() => process.exit(0));
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`bench sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
