#!/usr/bin/env bash
# Debian's chromium for the browser tests (test/e2e/phone.test.ts). Source it after scripts/n8n.sh:
#   chromium_ensure   installs the Debian package (apt-get, as root: CI is a fresh root machine) when
#                     $CHROMIUM (default /usr/bin/chromium) is missing; fails with what to do otherwise.

chromium_ensure() {
	[ -x "${CHROMIUM:-/usr/bin/chromium}" ] && return 0
	[ -n "${CHROMIUM:-}" ] && { n8n_fail "CHROMIUM=$CHROMIUM is not an executable"; return 1; }
	[ "$(id -u)" = 0 ] || { n8n_fail "no /usr/bin/chromium: install Debian's package (sudo apt-get install chromium) or set CHROMIUM"; return 1; }
	n8n_log "installing Debian's chromium for the browser tests (apt-get, once per machine)"
	{ DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 ||
		{ n8n_fail "apt-get install chromium"; return 1; }
	[ -x /usr/bin/chromium ] || { n8n_fail "apt-get installed chromium, yet /usr/bin/chromium is missing"; return 1; }
}
