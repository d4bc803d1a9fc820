#!/usr/bin/env bash
# The bench's real n8n: scripts/n8n.sh's instance (n8n installed once per machine, the package from its
# npm tarball, the sandbox, an owner, an API key, the sandbox credentials), with n8n's inspector open on
# 127.0.0.1 so the bench can read the process's memory after a forced GC.
#   bash bench/n8n.sh install           installs the pinned n8n (once per machine) for every bench row that loads its nodes
#   bash bench/n8n.sh up <state-dir>     prints one JSON line: the instance file and the inspector port
#   bash bench/n8n.sh down <state-dir>   stops what `up` started (by pid)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh
# shellcheck source=scripts/n8n.sh
source scripts/n8n.sh

command=${1:?install|up|down}
[ "$command" = install ] || N8N_STATE=${2:?state dir}
case "$command" in
	install) n8n_install ;;
	up)
		N8N_PORT=$(n8n_free_port 5888)
		N8N_BROKER_PORT=$(n8n_free_port $((N8N_PORT + 1)))
		SANDBOX_PORT=$(n8n_free_port 8990)
		INSPECTOR_PORT=$(n8n_free_port 9329)
		SANDBOX_APP_SECRET=$(node -p "require('crypto').randomBytes(16).toString('hex')")
		SANDBOX_VERIFY_TOKEN=$(node -p "require('crypto').randomBytes(8).toString('hex')")
		n8n_install && n8n_prepare && n8n_install_package && sandbox_start || exit 1
		# The inspector is for the main process only (NODE_OPTIONS would reach its task runners too).
		N8N_NODE_FLAGS="--inspect=127.0.0.1:$INSPECTOR_PORT" n8n_start
		N8N_URL=$N8N_URL SANDBOX_URL=$SANDBOX_URL SANDBOX_APP_SECRET=$SANDBOX_APP_SECRET SANDBOX_VERIFY_TOKEN=$SANDBOX_VERIFY_TOKEN \
			node dist-dev/scripts/n8n-api.js setup "$N8N_STATE"
		printf '{"instance":"%s","inspectorPort":%s,"pid":%s}\n' "$N8N_STATE/instance.json" "$INSPECTOR_PORT" "$N8N_PID"
		;;
	down) n8n_stop_all ;;
	*) echo "usage: bench/n8n.sh install|up|down <state-dir>" >&2; exit 2 ;;
esac
