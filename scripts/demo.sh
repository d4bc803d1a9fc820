#!/usr/bin/env bash
# ./run demo: the local sandbox + a REAL n8n with this package installed, the example workflows
# published and a sandbox credential in place. Prints the editor URL, the login and the curl
# commands that play the customer. Ctrl-C stops everything it started.
# Ports (override with the environment): N8N_PORT=5688, N8N_BROKER_PORT=5689, SANDBOX_PORT=8790.
# Each start begins from a fresh n8n instance in .cache/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh
# shellcheck source=scripts/n8n.sh
source scripts/n8n.sh

N8N_STATE=$N8N_ROOT/.cache/demo
N8N_PORT=${N8N_PORT:-5688}
N8N_BROKER_PORT=${N8N_BROKER_PORT:-5689}
SANDBOX_PORT=${SANDBOX_PORT:-8790}
# Local play values, not secrets: the sandbox signs its webhooks with this app secret.
SANDBOX_APP_SECRET=demo-app-secret
SANDBOX_VERIFY_TOKEN=demo-verify-token

[ -f dist-dev/scripts/n8n-api.js ] && [ -f dist-dev/sandbox/cli.js ] || { n8n_fail "not built: use ./run demo"; exit 1; }
for port in "$N8N_PORT:n8n" "$N8N_BROKER_PORT:n8n task broker" "$SANDBOX_PORT:sandbox"; do
	n8n_require_free_port "${port%%:*}" "${port#*:}" || exit 1
done

trap 'n8n_stop_all' EXIT
trap 'echo; exit 0' INT TERM

n8n_install
n8n_prepare
n8n_install_package
sandbox_start
n8n_start
N8N_URL=$N8N_URL SANDBOX_URL=$SANDBOX_URL SANDBOX_APP_SECRET=$SANDBOX_APP_SECRET SANDBOX_VERIFY_TOKEN=$SANDBOX_VERIFY_TOKEN \
	node dist-dev/scripts/n8n-api.js setup "$N8N_STATE"
node dist-dev/scripts/n8n-api.js demo "$N8N_STATE" examples/*.json > "$N8N_STATE/demo.txt"
cat "$N8N_STATE/demo.txt"
echo "Logs: $N8N_STATE/n8n.log, $N8N_STATE/sandbox.log. Press Ctrl-C to stop."
wait "$N8N_PID"
