/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A certificate authority made on the spot, and a certificate for 127.0.0.1 it issued, for serving the
 * sandbox over HTTPS (option tls) to clients that trust the CA (NODE_EXTRA_CA_CERTS, or a request's `ca`).
 * Made with openssl in a new temporary folder; the caller deletes `dir` when done. Nothing here is committed.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface LocalCa {
	dir: string;
	caFile: string;
	keyFile: string;
	certFile: string;
}

/** A CA and a certificate for 127.0.0.1 issued by it, made now (P-256 keys, valid one day). */
export function makeLocalCa(): LocalCa {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tls-'));
	const file = (name: string) => path.join(dir, name);
	const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
	const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
	openssl('req', '-x509', ...ecKey, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=n8n-nodes-whatsapp-payments bench CA',
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
	openssl('req', ...ecKey, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1');
	fs.writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
	openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '1', '-extfile', file('server.ext'));
	return { dir, caFile: file('ca.pem'), keyFile: file('server.key'), certFile: file('server.pem') };
}

