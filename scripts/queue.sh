#!/usr/bin/env bash
# n8n in queue mode on 127.0.0.1, the way a merchant runs it past one machine: Postgres 15 and Redis 7
# (scripts/postgres-redis.sh), one main (editor, API, activation: the leader), workers (`n8n worker`,
# they run the executions) and webhook processes (`n8n webhook`, they receive production webhooks),
# all with one encryption key and this package installed as a community package in each one's own
# user folder. Source it after scripts/n8n.sh; used by scripts/demo.sh --queue, scripts/e2e-queue.sh
# and the bench (bench/queueMode.ts).
#   queue_up      everything, plus the sandbox, the owner, an API key, the sandbox and Postgres
#                 credentials; $N8N_STATE/instance.json also lists webhookUrls and the processes
# Needs N8N_STATE, N8N_PORT, N8N_BROKER_PORT, SANDBOX_PORT, SANDBOX_APP_SECRET, SANDBOX_VERIFY_TOKEN
# (as n8n_up) and QUEUE_PORT: the first of the ports for Postgres, Redis, the webhook processes and
# the task brokers. QUEUE_WORKERS and QUEUE_WEBHOOKS (default 2 each) say how many.

# shellcheck source=scripts/postgres-redis.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres-redis.sh"

QUEUE_WORKERS=${QUEUE_WORKERS:-2}
QUEUE_WEBHOOKS=${QUEUE_WEBHOOKS:-2}

# The settings every process shares, appended to the instance's env.sh (later exports win).
queue_env() {
	cat >> "$N8N_STATE/env.sh" <<-ENV
		export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT=$PG_PORT DB_POSTGRESDB_DATABASE=n8n DB_POSTGRESDB_USER=$PG_USER
		# n8n's defaults (2 connections per process, 20 s to get one) fail executions on a busy 2-core machine.
		export DB_POSTGRESDB_POOL_SIZE=10 DB_POSTGRESDB_CONNECTION_TIMEOUT=60000
		# And they take a slow answer for an outage: a database ping (SELECT 1 on a pooled connection) not
		# answered in 5 s makes every process answer 503 "Database is not ready!", three in a row rebuild its
		# connection pool under the running executions, and Redis unreachable for 10 s ends the process.
		export DB_PING_TIMEOUT_MS=120000 DB_CONNECTION_ACQUISITION_TIMEOUT_MS=120000 QUEUE_BULL_REDIS_TIMEOUT_THRESHOLD=120000
		export EXECUTIONS_MODE=queue QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT=$REDIS_PORT
		export N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true
		export N8N_WEBHOOK_URL=${QUEUE_WEBHOOK_BASES[0]}/ N8N_EDITOR_BASE_URL=$N8N_URL/
		export N8N_GRACEFUL_SHUTDOWN_TIMEOUT=${N8N_GRACEFUL_SHUTDOWN_TIMEOUT:-5}
	ENV
	# Optional tuning from the caller (the e2e test shortens n8n's stalled-job timers).
	local name
	for name in QUEUE_WORKER_LOCK_DURATION QUEUE_WORKER_LOCK_RENEW_TIME QUEUE_WORKER_STALLED_INTERVAL; do
		[ -n "${!name:-}" ] && echo "export $name=${!name}" >> "$N8N_STATE/env.sh"
	done
	return 0
}

# Starts `n8n <command>` as process <name> with its own user folder (a copy of the main's community
# packages folder: the package installed in each), HTTP port and task-broker port. queue_wait_ready waits.
queue_start_process() {
	local name=$1 command=$2 port=$3 broker=$4 dir="$N8N_STATE/$1" log="$N8N_STATE/$1.log" pid
	mkdir -p "$dir/.n8n" && cp -a "$N8N_STATE/home/.n8n/nodes" "$dir/.n8n/"
	# shellcheck disable=SC1091
	(source "$N8N_STATE/env.sh" && export N8N_USER_FOLDER="$dir" N8N_PORT="$port" N8N_RUNNERS_BROKER_PORT="$broker" &&
		exec node "$N8N_CLI" "$command") > "$log" 2>&1 &
	pid=$!
	n8n_track "$pid" "$name"
	QUEUE_PROCESSES+=("$name $command $pid $port $log")
}

# Waits until every started worker and webhook process has logged that it is ready.
queue_wait_ready() {
	local line name command pid port log ready
	for line in "${QUEUE_PROCESSES[@]:1}"; do
		read -r name command pid port log <<< "$line"
		ready='n8n worker is now ready'
		[ "$command" = webhook ] && ready='Webhook listener waiting for requests'
		n8n_wait_for "grep -qs '$ready' '$log'" "${N8N_START_TIMEOUT:-900}" "$pid" "$name start" "$log" "$port" || return 1
		n8n_log "$name: n8n $command (pid $pid$([ "$command" = webhook ] && echo ", http://127.0.0.1:$port"), log $log)"
	done
}

# Writes the processes into instance.json (with webhookUrls and a Postgres credential: scripts/queue-mode.ts).
queue_describe() {
	local line
	for line in "${QUEUE_PROCESSES[@]}"; do echo "$line"; done > "$N8N_STATE/processes.txt"
	PG_PORT=$PG_PORT N8N_CLI=$N8N_CLI node "$N8N_ROOT/dist-dev/scripts/queue-mode.js" "$N8N_STATE"
}

# Free ports from n8n port $1 and sandbox port $2 on, and random secrets: a throw-away instance (tests, bench).
queue_throwaway_settings() {
	N8N_PORT=$(n8n_free_port "$1")
	N8N_BROKER_PORT=$(n8n_free_port $((N8N_PORT + 1)))
	SANDBOX_PORT=$(n8n_free_port "$2")
	QUEUE_PORT=$((N8N_BROKER_PORT + 1))
	SANDBOX_APP_SECRET=$(node -p "require('crypto').randomBytes(16).toString('hex')")
	SANDBOX_VERIFY_TOKEN=$(node -p "require('crypto').randomBytes(8).toString('hex')")
}

queue_up() {
	: "${QUEUE_PORT:?}"
	[ -f "$N8N_ROOT/dist-dev/scripts/queue-mode.js" ] || { n8n_fail "dist-dev/ is not built: run ./run build"; return 1; }
	pg_redis_install || return 1
	PG_PORT=$(n8n_free_port "$QUEUE_PORT")
	REDIS_PORT=$(n8n_free_port $((PG_PORT + 1)))
	local port=$((REDIS_PORT + 1)) i
	QUEUE_WEBHOOK_BASES=() QUEUE_PROCESSES=("main start $$ $N8N_PORT $N8N_STATE/n8n.log")
	QUEUE_WEBHOOK_PORTS=()
	for i in $(seq 1 "$QUEUE_WEBHOOKS"); do
		port=$(n8n_free_port "$port"); QUEUE_WEBHOOK_PORTS+=("$port"); QUEUE_WEBHOOK_BASES+=("http://127.0.0.1:$port"); port=$((port + 1))
	done
	# n8n_prepare empties the state folder: first the /tmp folder of a cluster a killed run left behind.
	pg_remove_cluster "$N8N_STATE/postgres"
	n8n_install && n8n_prepare || return 1
	pg_start "$N8N_STATE/postgres" "$PG_PORT" && redis_start "$N8N_STATE/redis" "$REDIS_PORT" || return 1
	# The main migrates a fresh database first: minutes on a busy machine.
	queue_env && n8n_install_package && sandbox_start && N8N_START_TIMEOUT=${N8N_START_TIMEOUT:-900} n8n_start || return 1
	QUEUE_PROCESSES[0]="main start $N8N_PID $N8N_PORT $N8N_STATE/n8n.log"
	# Workers and webhook processes start together, once the main has migrated the database.
	for i in $(seq 1 "$QUEUE_WORKERS"); do
		port=$(n8n_free_port "$port")
		queue_start_process "worker-$i" worker "$port" "$port" || return 1
		port=$((port + 1))
	done
	for i in $(seq 1 "$QUEUE_WEBHOOKS"); do
		port=$(n8n_free_port "$port")
		queue_start_process "webhook-$i" webhook "${QUEUE_WEBHOOK_PORTS[$((i - 1))]}" "$port" || return 1
		port=$((port + 1))
	done
	queue_wait_ready || return 1
	N8N_URL=$N8N_URL SANDBOX_URL=$SANDBOX_URL SANDBOX_APP_SECRET=$SANDBOX_APP_SECRET SANDBOX_VERIFY_TOKEN=$SANDBOX_VERIFY_TOKEN \
		node "$N8N_ROOT/dist-dev/scripts/n8n-api.js" setup "$N8N_STATE" && queue_describe
}

# Every process below the ones this instance started (n8n's task runners, Postgres's backends) as
# "<pid> <start time>" lines, read from /proc (a fresh Debian has no ps).
queue_descendants() {
	local -A parent=() started=()
	local stat line pid fields roots=() found=() i
	for stat in /proc/[0-9]*/stat; do
		read -r line 2> /dev/null < "$stat" || continue
		pid=${stat#/proc/} pid=${pid%/stat}
		# "pid (command) state ppid ... starttime": the command may hold spaces, so read after its last ')'.
		read -ra fields <<< "${line##*) }"
		parent[$pid]=${fields[1]} started[$pid]=${fields[19]}
	done
	read -ra roots <<< "$*"
	for ((i = 0; i < ${#roots[@]}; i++)); do
		for pid in "${!parent[@]}"; do
			[ "${parent[$pid]}" = "${roots[$i]}" ] && roots+=("$pid") && found+=("$pid ${started[$pid]}")
		done
	done
	[ ${#found[@]} -eq 0 ] || printf '%s\n' "${found[@]}"
}

# n8n_stop_all for n8n and the sandbox, then for Postgres and Redis (Postgres shuts down once n8n's connections
# are gone), then SIGKILL for whatever they left below them (a task runner whose n8n was killed after its grace
# period): the machine is left as it was found, also after a failure or Ctrl-C.
queue_stop_all() {
	[ -n "${N8N_STATE:-}" ] || return 0
	local below pid started now
	if [ -f "$N8N_STATE/pids" ]; then
		below=$(queue_descendants $(cut -d' ' -f1 "$N8N_STATE/pids"))
		grep ' \(postgres\|redis\)$' "$N8N_STATE/pids" > "$N8N_STATE/pids.data" || true
		grep -v ' \(postgres\|redis\)$' "$N8N_STATE/pids" > "$N8N_STATE/pids.n8n" || true
		mv "$N8N_STATE/pids.n8n" "$N8N_STATE/pids" && n8n_stop_all
		mv "$N8N_STATE/pids.data" "$N8N_STATE/pids" && n8n_stop_all
		while read -r pid started; do
			[ -n "$pid" ] || continue
			read -r now 2> /dev/null < "/proc/$pid/stat" || continue
			read -ra now <<< "${now##*) }"
			# The same process (not a new one that got its pid): its start time is the one recorded.
			[ "${now[19]}" = "$started" ] && kill -KILL "$pid" 2> /dev/null && n8n_log "stopped leftover process $pid"
		done <<< "$below"
	fi
	# Also when Postgres never started (initdb failed before any process was recorded).
	pg_remove_cluster "$N8N_STATE/postgres"
	return 0
}

# Run directly (the bench does: bench/queueMode.ts), it starts a queue-mode instance in <state-dir> on free
# ports, prints "ready <state-dir>/instance.json" and keeps it up until its stdin closes:
#   bash scripts/queue.sh <state-dir>
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	cd "$(dirname "$0")/.."
	# shellcheck source=scripts/toolchain.sh
	source scripts/toolchain.sh
	# shellcheck source=scripts/n8n.sh
	source scripts/n8n.sh
	N8N_STATE=${1:?usage: bash scripts/queue.sh <state-dir>}
	trap 'queue_stop_all' EXIT
	trap 'exit 130' INT TERM
	queue_throwaway_settings 5808 8908
	queue_up >&2
	echo "ready $N8N_STATE/instance.json"
	cat > /dev/null
fi
