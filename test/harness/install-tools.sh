#!/usr/bin/env bash
# Install the Debian tools the harness runs (openssl and curl for the test
# cluster, git, docker-registry for the registry tests), plus any extra
# command:package pairs given as arguments. Exits at once when all are there.
#
#   bash test/harness/install-tools.sh [etcd:etcd-server ...]
set -euo pipefail
WANT=(openssl:openssl curl:curl git:git docker-registry:docker-registry "$@")
CACHE=${SLUICE_CACHE:-$HOME/.cache/sluice}

missing() {
  local p
  for p in "${WANT[@]}"; do command -v "${p%%:*}" >/dev/null 2>&1 || echo "${p#*:}"; done
}
[ -n "$(missing)" ] || exit 0
# Two test runs starting at once must not run apt-get side by side.
mkdir -p "$CACHE"
exec 8>"$CACHE/.install-tools.lock"
flock 8
pkgs=$(missing)
[ -n "$pkgs" ] || exit 0
export DEBIAN_FRONTEND=noninteractive
echo "install-tools.sh: apt-get install" $pkgs >&2
apt-get update -q >/dev/null
# shellcheck disable=SC2086 # one package a word
apt-get install -y -q --no-install-recommends $pkgs >/dev/null
