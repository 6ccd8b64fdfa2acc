#!/usr/bin/env bash
# The fallback cluster, for machines that cannot reach the Go module proxy (the
# harness builds the current release with test/harness/build-k8s-current.sh):
# kube-apiserver + kube-controller-manager v1.20.2 from Debian bookworm's
# `kubernetes` source package, offline (vendored deps). Idempotent: exits at once
# when the cached binaries exist. Also installs Debian's etcd and the other
# Debian tools the harness uses (test/harness/install-tools.sh).
set -euo pipefail
CACHE=${SLUICE_CACHE:-$HOME/.cache/sluice}
# "-reflect2": binaries built with the reflect2 fix below; older caches lack it and are rebuilt.
BIN=${SLUICE_K8S_BIN:-$CACHE/k8s-1.20.2-reflect2/bin}
bash "$(dirname "$0")/install-tools.sh" etcd:etcd-server
if [ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/kube-controller-manager" ]; then exit 0; fi
# Two test runs starting at once must not build (or apt-get) side by side:
# the second one waits here, then finds the binaries and exits.
mkdir -p "$CACHE"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.build-k8s.lock"
  flock 9
fi
export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
  [ $apt_updated = 1 ] || { apt-get update -q >/dev/null; apt_updated=1; }
  apt-get install -y -q --no-install-recommends "$@" >/dev/null
}
if [ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/kube-controller-manager" ]; then exit 0; fi

W="$CACHE/k8s-build"; mkdir -p "$W"; cd "$W"
if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ ; then
cat > /etc/apt/sources.list.d/sluice-debian-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt_updated=0
fi
apt_install golang-go rsync dpkg-dev make
ls -d kubernetes-*/ >/dev/null 2>&1 || apt-get source -q kubernetes >/dev/null
cd kubernetes-*/
# The vendored reflect2 1.0.1 crashes under Go >= 1.18 (nil map type in json-iterator): the API
# server panics on merge patches, the scale and pod status subresources and the garbage
# collector's finalizer removal, and dies outright once a CRD exists. Debian's 1.0.2 fixes it.
apt_install golang-github-modern-go-reflect2-dev
rsync -a --delete /usr/share/gocode/src/github.com/modern-go/reflect2/ vendor/github.com/modern-go/reflect2/
echo "building kube-apiserver and kube-controller-manager (4 to 5 minutes on 2 cores)" >&2
env GOPROXY=off CGO_ENABLED=0 HOME="$W/home" GOCACHE="$W/gocache" \
  make WHAT="cmd/kube-apiserver cmd/kube-controller-manager" >"$W/build.log" 2>&1 || { tail -30 "$W/build.log" >&2; exit 1; }
mkdir -p "$BIN"
# Copy, then rename: a reader never finds half a binary at the final path.
for b in kube-apiserver kube-controller-manager; do
  cp _output/bin/$b "$BIN/.$b.tmp"
  mv -f "$BIN/.$b.tmp" "$BIN/$b"
done
# The source tree and Go cache are only needed to build: free the 2 GB.
cd "$CACHE"; rm -rf "$W"
"$BIN/kube-apiserver" --version
