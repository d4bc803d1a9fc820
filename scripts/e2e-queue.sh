#!/usr/bin/env bash
# The queue-mode end-to-end tests (test/e2e-queue): n8n $N8N_VERSION in queue mode (scripts/queue.sh:
# Postgres, Redis, a main, 2 workers, 2 webhook processes) with this package, against the sandbox.
# Called by `./run test` after scripts/e2e.sh (SKIP_QUEUE_E2E=1 skips it); dist/ and dist-dev/ must be built. Prints the counts.
#   bash scripts/e2e-queue.sh [jest args...]      e.g. bash scripts/e2e-queue.sh -t 'SIGKILL'
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh
# shellcheck source=scripts/n8n.sh
source scripts/n8n.sh
# shellcheck source=scripts/queue.sh
source scripts/queue.sh

N8N_STATE=${E2E_QUEUE_STATE:-$N8N_ROOT/.cache/e2e-queue}

JEST_PID=
on_exit() {
	local status=$?
	trap - INT TERM
	# The tests first (timeout passes the signal on to jest), then every process of the instance.
	[ -z "$JEST_PID" ] || { kill -TERM "$JEST_PID" 2> /dev/null && wait "$JEST_PID" 2> /dev/null; } || true
	queue_stop_all
	if [ "$status" -ne 0 ]; then
		for log in "$N8N_STATE"/*.log; do
			[ -f "$log" ] && { echo "----- last lines of $log" >&2; tail -n 15 "$log" >&2; }
		done
		[ "$status" -eq 124 ] && echo "The queue-mode suite did not end within E2E_QUEUE_TIMEOUT=${E2E_QUEUE_TIMEOUT:-3600} s." >&2
		echo "QUEUE E2E FAILED (exit $status). State kept in $N8N_STATE" >&2
	fi
	exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

queue_throwaway_settings 5798 8898
# A killed worker's job is found stalled once its lock expires and a stalled-jobs check runs (n8n: a 60 s lock
# renewed every 10 s, checked every 30 s). A shorter lock (30 s) made lagging, live workers look dead on a loaded
# machine, their executions failed as stalled: here it is 90 s, and the SIGKILL test waits for the outcome.
# The leader's queue recovery keeps n8n's default (every 180 min): shortened, it races with enqueueing (an
# execution is stored before its job is queued, and such an execution was marked crashed) and with the 30 s in
# which the enqueuing process re-checks a stalled job before it marks the execution failed.
export QUEUE_WORKER_LOCK_DURATION=90000 QUEUE_WORKER_LOCK_RENEW_TIME=10000 QUEUE_WORKER_STALLED_INTERVAL=30000
N8N_LOG_LEVEL=info queue_up
n8n_log "n8n in queue mode ready: running the queue-mode e2e suite"
# In the background, so that Ctrl-C or a TERM stops everything at once (bash runs a trap only between commands).
E2E_STATE=$N8N_STATE timeout --kill-after=10 "${E2E_QUEUE_TIMEOUT:-3600}" \
	npx jest -c jest.e2e.config.js --roots '<rootDir>/test/e2e-queue' --testTimeout 2400000 "$@" &
JEST_PID=$!
wait "$JEST_PID"
JEST_PID=
# Secrets never reach a log: the app secret (also the prefix of the 360dialog shared secret) and the API key.
API_KEY=$(node -p "require('$N8N_STATE/instance.json').apiKey")
for secret in "$SANDBOX_APP_SECRET" "$API_KEY"; do
	if grep -qF -- "$secret" "$N8N_STATE"/*.log; then n8n_fail "a secret appears in a log in $N8N_STATE"; exit 1; fi
done
node -e '
	const results = require(process.argv[1]);
	console.log("\nQueue mode: measured (n8n " + process.argv[2] + ", main + 2 workers + 2 webhook processes, Postgres 15, Redis 7)");
	for (const [section, counts] of Object.entries(results))
		console.log("  " + section + ": " + Object.entries(counts).map(([k, v]) => k + "=" + (typeof v === "object" ? JSON.stringify(v) : v)).join(", "));' \
	"$N8N_STATE/queue-results.json" "$N8N_VERSION"
n8n_log "queue-mode e2e passed; no secret in any log"
