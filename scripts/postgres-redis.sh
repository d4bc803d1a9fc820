#!/usr/bin/env bash
# Postgres 15 and Redis 7 from Debian packages, run as plain local processes (no system services) on
# 127.0.0.1, with their data under a state folder. What n8n's queue mode needs (scripts/queue.sh).
# Source it after scripts/n8n.sh (it records the processes with n8n_track, so n8n_stop_all ends them):
#   pg_redis_install                      apt-get installs postgresql-15 and redis-server when missing (as root)
#   pg_start <dir> <port>                 a fresh cluster in <dir>, superuser n8n, databases n8n and shop
#   redis_start <dir> <port>              a fresh Redis, no persistence
# Postgres refuses to run as root: as root, the cluster belongs to (and runs as) the `postgres` user the
# Debian package creates, and its data and socket live in a postgres-owned folder under /tmp (its path
# in <dir>/cluster), since the postgres user may not reach into the checkout (a clone in a 0700 folder);
# pg_remove_cluster deletes that folder once Postgres has stopped. Local connections are trusted
# (loopback only, throw-away data).

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_USER=n8n

pg_redis_install() {
	[ -x "$PG_BIN/postgres" ] && command -v redis-server > /dev/null && return 0
	if [ "$(id -u)" != 0 ]; then
		n8n_fail "Postgres 15 and Redis are missing: run 'apt-get update && apt-get install -y postgresql-15 redis-server' as root"
		return 1
	fi
	n8n_log "installing postgresql-15 and redis-server (Debian packages)"
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 redis-server; } > /dev/null ||
		{ n8n_fail "apt-get install postgresql-15 redis-server"; return 1; }
	[ -x "$PG_BIN/postgres" ] || { n8n_fail "no postgres at $PG_BIN after the install"; return 1; }
}

# The prefix that runs a Postgres program as the cluster's owner: the postgres user when we are root.
# setpriv execs the program, so a background job's $! is the program itself.
PG_AS_OWNER=()
[ "$(id -u)" = 0 ] && PG_AS_OWNER=(setpriv --reuid=postgres --regid=postgres --init-groups --)

pg_start() {
	local dir=$1 port=$2 log="$1/postgres.log" pid cluster
	n8n_require_free_port "$port" "postgres" || return 1
	rm -rf "$dir" && mkdir -p "$dir"
	cluster=$dir
	if [ "$(id -u)" = 0 ]; then
		cluster=$(mktemp -d /tmp/n8n-postgres.XXXXXX) || { n8n_fail "a folder for Postgres under /tmp"; return 1; }
		echo "$cluster" > "$dir/cluster"
		chown postgres: "$cluster" || { pg_remove_cluster "$dir"; n8n_fail "chown postgres: $cluster"; return 1; }
	fi
	"${PG_AS_OWNER[@]}" "$PG_BIN/initdb" -D "$cluster/data" -U "$PG_USER" --auth=trust --encoding=UTF8 --no-sync > "$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; pg_remove_cluster "$dir"; n8n_fail "initdb in $cluster"; return 1; }
	"${PG_AS_OWNER[@]}" "$PG_BIN/postgres" -D "$cluster/data" -p "$port" -k "$cluster" -c listen_addresses=127.0.0.1 \
		-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 > "$log" 2>&1 &
	pid=$!
	n8n_track "$pid" postgres
	# Through its Unix socket in $cluster, which only this cluster has: postgres creates it after its TCP socket.
	n8n_wait_for "'$PG_BIN/pg_isready' -q -h '$cluster' -p $port" 60 "$pid" "postgres start" "$log" "$port" || return 1
	for db in n8n shop; do "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$PG_USER" "$db" || { n8n_fail "createdb $db"; return 1; }; done
	n8n_log "postgres 15 on 127.0.0.1:$port (pid $pid, log $log)"
}

# Deletes the /tmp folder of the cluster started in <dir> as root (nothing when there is none); call it
# once that Postgres has stopped, or before <dir> is deleted (a run killed before its cleanup left one).
pg_remove_cluster() {
	local record="$1/cluster" cluster=''
	[ -f "$record" ] || return 0
	read -r cluster < "$record" || true
	case $cluster in */..*) ;; /tmp/n8n-postgres.?*) rm -rf -- "$cluster" ;; esac
	rm -f "$record"
}

# psql on the shop database of the cluster on port $1: pg_psql <port> -c 'SQL'
pg_psql() {
	local port=$1
	shift
	psql -h 127.0.0.1 -p "$port" -U "$PG_USER" -d shop -v ON_ERROR_STOP=1 -qAt "$@"
}

redis_start() {
	local dir=$1 port=$2 log="$1/redis.log" pid
	n8n_require_free_port "$port" "redis" || return 1
	rm -rf "$dir" && mkdir -p "$dir"
	cat > "$dir/redis.conf" <<-EOF
		bind 127.0.0.1
		port $port
		protected-mode yes
		daemonize no
		dir $dir
		save ""
		appendonly no
		logfile ""
	EOF
	redis-server "$dir/redis.conf" > "$log" 2>&1 &
	pid=$!
	n8n_track "$pid" redis
	# Its own log line, written once it listens (another Redis may answer on the port).
	n8n_wait_for "grep -qs 'Ready to accept connections' '$log'" 30 "$pid" "redis start" "$log" "$port" || return 1
	n8n_log "redis $(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p') on 127.0.0.1:$port (pid $pid, log $log)"
}
