#!/usr/bin/env bash
# End-to-end tests in a REAL n8n ($N8N_VERSION, default 2.41.1) with this package installed from its
# npm tarball, against the local sandbox. Called by `./run test` after the build and the unit tests
# (dist/ and dist-dev/ must be built). Every wait has a timeout; any failure exits non-zero with
# the n8n and sandbox logs' tails.
#   bash scripts/e2e.sh [jest args...]      e.g. bash scripts/e2e.sh -t 'One-Click'
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh
# shellcheck source=scripts/n8n.sh
source scripts/n8n.sh
# shellcheck source=scripts/chromium.sh
source scripts/chromium.sh

N8N_STATE=${E2E_STATE:-$N8N_ROOT/.cache/e2e}

on_exit() {
	local status=$?
	n8n_stop_all
	if [ "$status" -ne 0 ]; then
		for log in "$N8N_STATE/n8n.log" "$N8N_STATE/sandbox.log"; do
			[ -f "$log" ] && { echo "----- last lines of $log" >&2; tail -n 30 "$log" >&2; }
		done
		echo "E2E FAILED (exit $status). State kept in $N8N_STATE" >&2
	fi
	exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# Ports of their own, so the e2e run never meets a running demo.
N8N_PORT=$(n8n_free_port 5788)
N8N_BROKER_PORT=$(n8n_free_port $((N8N_PORT + 1)))
SANDBOX_PORT=$(n8n_free_port 8890)
SANDBOX_APP_SECRET=$(node -p "require('crypto').randomBytes(16).toString('hex')")
SANDBOX_VERIFY_TOKEN=$(node -p "require('crypto').randomBytes(8).toString('hex')")
# The browser tests (the customer's phone page) drive Debian's chromium.
chromium_ensure
n8n_up
n8n_log "n8n ready: running the e2e suite"
# The suite's own timeouts fail first; this one only ends a run that hangs anyway (at load 12 the editor
# test alone took 460 s and the whole suite passed 900 s, so it is far above a slow run).
E2E_STATE=$N8N_STATE timeout --kill-after=10 "${E2E_TIMEOUT:-2400}" npx jest -c jest.e2e.config.js "$@"
# Secrets never reach a log: the app secret (also the prefix of the 360dialog shared secret) and the API key.
API_KEY=$(node -p "require('$N8N_STATE/instance.json').apiKey")
for secret in "$SANDBOX_APP_SECRET" "$API_KEY"; do
	if grep -qF -- "$secret" "$N8N_STATE/n8n.log" "$N8N_STATE/sandbox.log"; then
		n8n_fail "a secret appears in $N8N_STATE/n8n.log or sandbox.log"; exit 1
	fi
done
n8n_log "e2e passed; no secret in the n8n or sandbox log"
