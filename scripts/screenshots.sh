#!/usr/bin/env bash
# A browser test of our nodes in the real n8n editor, and the README's screenshots (docs/screenshots/).
# It opens the panels of Send Order Details, Send Order Status, Look Up Payment and the trigger, the
# workflow canvas and the credential's form, asserts that our parameters render there, and only then
# saves each screenshot; it exits non-zero when a panel does not render (see scripts/screenshots.js).
#
#   bash scripts/screenshots.sh                    starts its own n8n + sandbox, writes docs/screenshots/
#   bash scripts/screenshots.sh <state> <out-dir>  uses the running instance in <state> (scripts/e2e.sh)
#
# Needs: a build (./run build: dist/ and dist-dev/); Debian's chromium (apt-get install chromium, or set
# CHROMIUM to another chromium binary); network access to the npm registry on the first run, when it
# installs playwright-core (a browser driver without browsers) into .cache/screenshot-tools. The n8n
# install is the one scripts/n8n.sh shares with the e2e tests and the demo. Not part of ./run test.
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

if [ $# -ge 1 ]; then
	N8N_STATE=$1
	OUT_DIR=${2:-$N8N_STATE/screenshots}
	[ -f "$N8N_STATE/instance.json" ] || { n8n_fail "no running instance in $N8N_STATE (no instance.json)"; exit 1; }
else
	N8N_STATE=$N8N_ROOT/.cache/screenshots
	OUT_DIR=$N8N_ROOT/docs/screenshots
	N8N_PORT=$(n8n_free_port 5888)
	N8N_BROKER_PORT=$(n8n_free_port $((N8N_PORT + 1)))
	SANDBOX_PORT=$(n8n_free_port 8990)
	SANDBOX_APP_SECRET=screenshot-app-secret
	SANDBOX_VERIFY_TOKEN=screenshot-verify-token
	trap 'n8n_stop_all' EXIT
	n8n_up
fi
# The examples as a user imports them (no stand-ins); those without outside credentials.
node dist-dev/scripts/n8n-api.js import "$N8N_STATE" examples/01-*.json examples/02-*.json examples/03-*.json
mkdir -p "$OUT_DIR"
PLAYWRIGHT_CORE=$TOOLS/node_modules/playwright-core node scripts/screenshots.js "$N8N_STATE" "$OUT_DIR"
n8n_log "browser test passed: our panels render; screenshots in $OUT_DIR"
