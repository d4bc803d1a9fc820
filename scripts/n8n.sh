#!/usr/bin/env bash
# Shared functions to run this package inside a REAL n8n, headless, on 127.0.0.1.
# Source it (after scripts/toolchain.sh, which puts Node 24 on PATH):
#   source scripts/toolchain.sh; source scripts/n8n.sh
# Used by scripts/e2e.sh (./run test), scripts/demo.sh (./run demo) and scripts/screenshots.sh.
#
# The pinned n8n is installed once per version into $N8N_CACHE_DIR/n8n-<version> (outside the
# clone, so fresh clones and CI runs on the same machine reuse it; .cache/n8n-<version> in the
# clone links to it). The package is installed the way a user's n8n installs a community
# package: its `npm pack` tarball unpacked into $N8N_USER_FOLDER/.n8n/nodes (see n8n_install_package).

N8N_VERSION=${N8N_VERSION:-2.41.1}
N8N_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N8N_CACHE_DIR=${N8N_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-whatsapp-payments}
N8N_INSTALL_DIR="$N8N_CACHE_DIR/n8n-$N8N_VERSION"
N8N_CLI="$N8N_INSTALL_DIR/node_modules/n8n/bin/n8n"
N8N_NPM_FLAGS=(--no-audit --no-fund --loglevel=error)

n8n_log() { printf '[n8n %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
n8n_fail() { n8n_log "FAILED: $*"; return 1; }
# npm warns about the nodedir config that toolchain.sh sets; that line is noise.
n8n_npm() { npm "$@" "${N8N_NPM_FLAGS[@]}" 2>&1 | grep -v 'Unknown .* config "nodedir"' >&2; return "${PIPESTATUS[0]}"; }

# ------------------------------------------------------------------------------------ install
# Installs n8n@$N8N_VERSION once. A marker file written last tells a complete install from an
# interrupted one; an interrupted one is thrown away and redone. A lock keeps two runs (a demo and
# the tests, say) from installing at the same time.
n8n_install() {
	mkdir -p "$N8N_CACHE_DIR"
	(flock 9 && n8n_install_unlocked) 9> "$N8N_CACHE_DIR/.install.lock" || return 1
	mkdir -p "$N8N_ROOT/.cache"
	ln -sfn "$N8N_INSTALL_DIR" "$N8N_ROOT/.cache/n8n-$N8N_VERSION"
}

n8n_install_unlocked() {
	local marker="$N8N_INSTALL_DIR/.complete-node-$(node -p process.versions.modules)"
	if [ ! -f "$marker" ]; then
		n8n_log "installing n8n $N8N_VERSION into $N8N_INSTALL_DIR (once per machine; about 6 minutes on 2 cores)"
		local staging="$N8N_INSTALL_DIR.partial"
		rm -rf "$staging" && mkdir -p "$staging"
		# xlsx: n8n pins a tarball on a CDN this machine cannot reach; linkedom 0.18.15 needs a package
		# missing from the registry. --ignore-scripts skips native builds that download sources;
		# only sqlite3 needs one (isolated-vm ships a prebuilt binary for Node 24).
		cat > "$staging/package.json" <<-EOF
			{
			  "name": "n8n-runtime", "version": "1.0.0", "private": true,
			  "dependencies": { "n8n": "$N8N_VERSION" },
			  "overrides": { "xlsx": "0.18.5", "linkedom": "0.18.14" }
			}
		EOF
		(cd "$staging" && n8n_npm install --ignore-scripts) || { n8n_fail "npm install n8n@$N8N_VERSION"; return 1; }
		(cd "$staging" && n8n_npm rebuild sqlite3) || { n8n_fail "building sqlite3 for n8n"; return 1; }
		(cd "$staging" && node -e "require('sqlite3')") || { n8n_fail "sqlite3 does not load"; return 1; }
		rm -rf "$N8N_INSTALL_DIR" && mv "$staging" "$N8N_INSTALL_DIR"
		touch "$marker"
	fi
	[ -x "$N8N_CLI" ] || { n8n_fail "no n8n CLI at $N8N_CLI"; return 1; }
}

# ------------------------------------------------------------------------------------ ports
# Prints a port nobody listens on, starting at $1 (fixed ports keep the demo's URLs stable).
n8n_free_port() {
	node -e '
		const net = require("net");
		const tryPort = (p) => { const s = net.createServer().once("error", () => tryPort(p + 1))
			.listen(p, "127.0.0.1", () => s.close(() => console.log(p))); };
		tryPort(Number(process.argv[1]));' "$1"
}
# Fails unless port $1 is free ($2 names it in the message).
n8n_require_free_port() {
	[ "$(n8n_free_port "$1")" = "$1" ] || { n8n_fail "port $1 ($2) is in use: stop what listens there or choose another"; return 1; }
}

# ------------------------------------------------------------------------------------ instance
# One instance = one state folder $N8N_STATE holding n8n's user folder, logs, pids and an env.sh.
# The caller sets N8N_STATE, N8N_PORT, N8N_BROKER_PORT before n8n_prepare.
n8n_prepare() {
	: "${N8N_STATE:?}" "${N8N_PORT:?}" "${N8N_BROKER_PORT:?}"
	N8N_URL="http://127.0.0.1:$N8N_PORT"
	rm -rf "$N8N_STATE" && mkdir -p "$N8N_STATE/home/.n8n/nodes"
	{
		printf 'export PATH=%q:"$PATH"\n' "$(dirname "$(command -v node)")"
		cat <<-ENV
			export N8N_USER_FOLDER=$N8N_STATE/home
			export N8N_PORT=$N8N_PORT N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_PROTOCOL=http
			export N8N_WEBHOOK_URL=$N8N_URL/
			export N8N_RUNNERS_BROKER_PORT=$N8N_BROKER_PORT N8N_RUNNERS_BROKER_LISTEN_ADDRESS=127.0.0.1
			export DB_TYPE=sqlite
			export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false
			export N8N_HIRING_BANNER_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_SECURE_COOKIE=false
			export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
			export N8N_ENCRYPTION_KEY=local-instance-key-not-a-secret
			export N8N_LOG_LEVEL=${N8N_LOG_LEVEL:-info}
			export NODE_ENV=production
			# n8n 2.x creates an expression isolate for every webhook request, credential load and execution, used or not
			# (20-30 ms of CPU each): lazily, only when an expression runs (docs/performance.md). n8n 1.x ignores it.
			export N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=${N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE:-true}
		ENV
		# n8n fetches a registry of MCP servers from the internet at startup; that module can go.
		if (cd "$N8N_INSTALL_DIR" && node -e "process.exit(require('@n8n/backend-common/dist/modules/modules.config.js').MODULE_NAMES.includes('mcp-registry')?0:1)") 2>/dev/null; then
			echo 'export N8N_DISABLED_MODULES=mcp-registry'
		fi
	} > "$N8N_STATE/env.sh"
}

# Packs this package (dist/ must be built) and installs the tarball into the community packages
# folder the way n8n installs a package a user picks in the editor (CommunityPackagesService in
# n8n 2.x): unpack into nodes/node_modules/<name>, drop dev/peer/optional dependencies (n8n-workflow
# is n8n's own copy, on NODE_PATH), `npm install` inside, record it in nodes/package.json.
n8n_install_package() {
	local nodes="$N8N_STATE/home/.n8n/nodes" tarball name version
	[ -f "$N8N_ROOT/dist/nodes/WhatsAppPayments/WhatsAppPayments.node.js" ] || { n8n_fail "dist/ is not built: run ./run build"; return 1; }
	tarball=$(cd "$N8N_ROOT" && npm pack --silent --pack-destination "$N8N_STATE" 2>/dev/null | tail -n 1)
	[ -f "$N8N_STATE/$tarball" ] || { n8n_fail "npm pack"; return 1; }
	name=$(node -p "require('$N8N_ROOT/package.json').name")
	version=$(node -p "require('$N8N_ROOT/package.json').version")
	mkdir -p "$nodes/node_modules/$name"
	tar -xzf "$N8N_STATE/$tarball" -C "$nodes/node_modules/$name" --strip-components=1
	node -e '
		const fs = require("fs"), [pkgFile, nodesFile, name, version] = process.argv.slice(1);
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
		fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
		const nodes = fs.existsSync(nodesFile) ? JSON.parse(fs.readFileSync(nodesFile, "utf8")) : { name: "installed-nodes", private: true, dependencies: {} };
		nodes.dependencies = { ...nodes.dependencies, [name]: version };
		fs.writeFileSync(nodesFile, JSON.stringify(nodes, null, 2));' \
		"$nodes/node_modules/$name/package.json" "$nodes/package.json" "$name" "$version"
	(cd "$nodes/node_modules/$name" && n8n_npm install --bin-links=false --install-strategy=shallow --ignore-scripts --package-lock=false) ||
		{ n8n_fail "npm install in $nodes/node_modules/$name"; return 1; }
	n8n_log "installed $tarball into $nodes"
}

# ------------------------------------------------------------------------------------ processes
# Every process started here is recorded in $N8N_STATE/pids; n8n_stop_all ends exactly those.
n8n_track() { echo "$1 $2" >> "$N8N_STATE/pids"; }

# Waits until $1 (a command) succeeds, for at most $2 seconds, while process $3 lives.
# $4 names what is awaited, $5 is the log to show on failure, $6 the ports the process listens on.
# A port is checked free before its process starts, and another process may take it in between: so $1
# must prove that OUR process is ready (its own log line, its own socket), never that something answers
# on the port; and when our process exits while one of its ports is taken, the failure names that port.
n8n_wait_for() {
	local check=$1 timeout=$2 pid=$3 what=$4 log=$5 ports=${6:-} deadline=$((SECONDS + $2)) port
	until eval "$check"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 40 "$log" >&2
			for port in $ports; do
				[ "$(n8n_free_port "$port")" = "$port" ] ||
					{ n8n_fail "$what: port $port was taken by another process after it was found free (log: $log)"; return 1; }
			done
			n8n_fail "$what: the process exited (log: $log)"; return 1
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			tail -n 40 "$log" >&2; n8n_fail "$what: not ready after ${timeout}s (log: $log)"; return 1
		fi
		sleep 0.3
	done
}

# Starts n8n in the background and waits for its editor banner (published workflows are
# activated after it: see n8n_wait_webhook). $N8N_NODE_FLAGS: extra flags of n8n's own node process.
n8n_start() {
	local log="$N8N_STATE/n8n.log"
	n8n_require_free_port "$N8N_PORT" "n8n" && n8n_require_free_port "$N8N_BROKER_PORT" "n8n task broker" || return 1
	# shellcheck disable=SC1091
	(source "$N8N_STATE/env.sh" && exec node ${N8N_NODE_FLAGS:-} "$N8N_CLI" start) > "$log" 2>&1 &
	N8N_PID=$!
	n8n_track "$N8N_PID" n8n
	n8n_log "starting n8n $N8N_VERSION on $N8N_URL (pid $N8N_PID, log $log)"
	n8n_wait_for "grep -qs 'Editor is now accessible' '$log'" "${N8N_START_TIMEOUT:-180}" "$N8N_PID" "n8n start" "$log" "$N8N_PORT $N8N_BROKER_PORT"
}

# Starts the WhatsApp Payments sandbox (dist-dev must be built) on $SANDBOX_PORT with app secret
# $SANDBOX_APP_SECRET; payment webhooks go to the URL given later through POST /_sandbox/webhook.
sandbox_start() {
	local log="$N8N_STATE/sandbox.log"
	SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT"
	n8n_require_free_port "$SANDBOX_PORT" "sandbox" || return 1
	node "$N8N_ROOT/dist-dev/sandbox/cli.js" --port "$SANDBOX_PORT" --app-secret "$SANDBOX_APP_SECRET" > "$log" 2>&1 &
	SANDBOX_PID=$!
	n8n_track "$SANDBOX_PID" sandbox
	# Its own banner, printed once it listens (anything may answer on the port).
	n8n_wait_for "grep -qs 'sandbox listening on' '$log'" 30 "$SANDBOX_PID" "sandbox start" "$log" "$SANDBOX_PORT" || return 1
	n8n_log "sandbox on $SANDBOX_URL (pid $SANDBOX_PID, log $log)"
}

# Stops every process this instance started (by pid, never by name) and waits for them.
n8n_stop_all() {
	[ -f "${N8N_STATE:-}/pids" ] || return 0
	local pid name
	while read -r pid name; do
		kill -TERM "$pid" 2>/dev/null && n8n_log "stopping $name (pid $pid)"
	done < "$N8N_STATE/pids"
	while read -r pid name; do
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
		kill -KILL "$pid" 2>/dev/null || true
	done < "$N8N_STATE/pids"
	rm -f "$N8N_STATE/pids"
}

# ------------------------------------------------------------------------------------ all together
# A complete instance: n8n with the package, the sandbox, the owner, an API key and the sandbox
# credentials, described in $N8N_STATE/instance.json. Needs N8N_STATE, N8N_PORT, N8N_BROKER_PORT,
# SANDBOX_PORT, SANDBOX_APP_SECRET, SANDBOX_VERIFY_TOKEN, and a build (dist/, dist-dev/).
n8n_up() {
	[ -f "$N8N_ROOT/dist-dev/scripts/n8n-api.js" ] && [ -f "$N8N_ROOT/dist-dev/sandbox/cli.js" ] || { n8n_fail "dist-dev/ is not built: run ./run build"; return 1; }
	n8n_install && n8n_prepare && n8n_install_package && sandbox_start && n8n_start || return 1
	N8N_URL=$N8N_URL SANDBOX_URL=$SANDBOX_URL SANDBOX_APP_SECRET=$SANDBOX_APP_SECRET SANDBOX_VERIFY_TOKEN=$SANDBOX_VERIFY_TOKEN \
		node "$N8N_ROOT/dist-dev/scripts/n8n-api.js" setup "$N8N_STATE"
}
