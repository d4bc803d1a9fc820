#!/usr/bin/env bash
# Screenshots of our nodes in a real n8n editor -> docs/screenshots/. Needs Debian's chromium
# (apt-get install chromium) and installs playwright-core (a browser driver without browsers) once
# into .cache/screenshot-tools. Starts its own instance with the examples, stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh
# shellcheck source=scripts/n8n.sh
source scripts/n8n.sh

PLAYWRIGHT_CORE_VERSION=1.64.1
TOOLS=$N8N_ROOT/.cache/screenshot-tools
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { n8n_fail "no chromium: apt-get install chromium (or set CHROMIUM)"; exit 1; }
if [ ! -d "$TOOLS/node_modules/playwright-core" ]; then
	mkdir -p "$TOOLS" && echo '{"private":true}' > "$TOOLS/package.json"
	(cd "$TOOLS" && n8n_npm install "playwright-core@$PLAYWRIGHT_CORE_VERSION")
fi

N8N_STATE=$N8N_ROOT/.cache/screenshots
N8N_PORT=$(n8n_free_port 5888)
N8N_BROKER_PORT=$(n8n_free_port $((N8N_PORT + 1)))
SANDBOX_PORT=$(n8n_free_port 8990)
SANDBOX_APP_SECRET=screenshot-app-secret
SANDBOX_VERIFY_TOKEN=screenshot-verify-token
trap 'n8n_stop_all' EXIT
n8n_up
# The examples as a user imports them (no stand-ins); those without outside credentials.
node dist-dev/scripts/n8n-api.js import "$N8N_STATE" examples/01-*.json examples/02-*.json examples/03-*.json
mkdir -p docs/screenshots
PLAYWRIGHT_CORE=$TOOLS/node_modules/playwright-core node scripts/screenshots.js "$N8N_STATE" docs/screenshots
