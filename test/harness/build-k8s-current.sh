#!/usr/bin/env bash
# Build a current Kubernetes control plane for the harness from the Go module
# proxy: kube-apiserver, kube-controller-manager and kube-scheduler from
# k8s.io/kubernetes, the etcd that release is built against, and kwok (its
# simulated nodes run Pods). Idempotent: exits at once when the cached
# binaries exist. Prints the bin dir on success.
#
# Environment (all optional):
#   SLUICE_CACHE         cache root (default ~/.cache/sluice)
#   SLUICE_K8S_CURRENT_BIN  where the binaries go (default $CACHE/k8s-<version>/bin)
#   GOTOOLCHAIN          passed to go; default "local" (the machine's Go)
#
#   bash test/harness/build-k8s-current.sh            # build if missing; prints the bin dir
#   bash test/harness/build-k8s-current.sh --print-bin  # only print where the binaries go
#
# Exit 4: the module proxy cannot be reached (the caller may fall back to the
# Debian 1.20 build, test/harness/build-k8s.sh). Any other failure exits 1.
set -euo pipefail
K8S_VERSION=1.37.2
ETCD_VERSION=3.7.3 # kubernetes 1.37 is built against etcd 3.7 (its go.mod, build/dependencies.yaml)
KWOK_VERSION=0.8.0
CACHE=${SLUICE_CACHE:-$HOME/.cache/sluice}
BIN=${SLUICE_K8S_CURRENT_BIN:-$CACHE/k8s-$K8S_VERSION/bin}
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler etcd kwok)
if [ "${1:-}" = --print-bin ]; then echo "$BIN"; exit 0; fi
bash "$(dirname "$0")/install-tools.sh"

all_built() {
  local b
  for b in "${BINARIES[@]}"; do [ -x "$BIN/$b" ] || return 1; done
}
if all_built; then echo "$BIN"; exit 0; fi

command -v go >/dev/null 2>&1 || { echo "build-k8s-current.sh: no go on PATH" >&2; exit 1; }
mkdir -p "$CACHE"
# Two test runs starting at once must not build side by side: the second
# waits here, then finds the binaries and exits.
exec 9>"$CACHE/.build-k8s-current.lock"
flock 9
if all_built; then echo "$BIN"; exit 0; fi

W="$CACHE/k8s-$K8S_VERSION-build"
rm -rf "$W"; mkdir -p "$W"
LOG="$W/build.log"
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}
# Own module and build caches, so deleting them frees exactly what this used.
export GOMODCACHE="$W/gomod" GOCACHE="$W/gocache" GOTMPDIR="$W/tmp" GOFLAGS=-modcacherw
mkdir -p "$GOTMPDIR"
export CGO_ENABLED=0 GOWORK=off
started=$SECONDS

fail() {
  echo "build-k8s-current.sh: $1 (log: $LOG)" >&2
  tail -n 30 "$LOG" >&2
  exit "${2:-1}"
}

# A proxy that cannot be reached is told apart from a build that fails.
if ! go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" >"$W/kubernetes.json" 2>>"$LOG"; then
  # go mod download -json reports the error in its JSON, other go errors go to the log.
  if grep -qiE 'dial tcp|no such host|connection refused|i/o timeout|TLS handshake|network is unreachable' \
    "$LOG" "$W/kubernetes.json"; then
    fail "the Go module proxy cannot be reached" 4
  fi
  fail "cannot download k8s.io/kubernetes@v$K8S_VERSION"
fi

# new_module <dir>: an empty scratch module whose go line is the machine's Go.
new_module() {
  rm -rf "$1"; mkdir -p "$1"
  (cd "$1" && go mod init sluice.test/build >>"$LOG" 2>&1)
}

build_kubernetes() {
  local m="$W/kubernetes" gomod info commit date staging edits=()
  gomod=$(sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p' "$W/kubernetes.json")
  info=$(sed -n 's/^[[:space:]]*"Info": "\(.*\)",$/\1/p' "$W/kubernetes.json")
  new_module "$m"; cd "$m"
  # kubernetes' go.mod points each staging module at ./staging/src/k8s.io/<name>,
  # which a dependency's replace cannot do: map every one to its v0.<minor> release.
  staging=$(sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/src/k8s.io/[a-z0-9-]*$#\1#p' "$gomod")
  [ -n "$staging" ] || fail "no staging replace directives found in $gomod"
  local lib="v0.${K8S_VERSION#1.}"
  for s in $staging; do edits+=("-replace=$s=$s@$lib"); done
  go mod edit "${edits[@]}" -require="k8s.io/kubernetes@v$K8S_VERSION"
  echo "kubernetes v$K8S_VERSION: $(echo "$staging" | wc -l) staging modules replaced by $lib" >>"$LOG"
  go get k8s.io/kubernetes/cmd/{kube-apiserver,kube-controller-manager,kube-scheduler}@"v$K8S_VERSION" >>"$LOG" 2>&1 \
    || fail "go get k8s.io/kubernetes@v$K8S_VERSION failed"
  # What `kube-apiserver --version`, /version, discovery and kubectl's skew check read.
  commit=$(sed -n 's/.*"Hash":"\([0-9a-f]*\)".*/\1/p' "$info")
  date=$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$info")
  local ld="-s -w" pkg key val
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    for kv in "gitVersion=v$K8S_VERSION" "gitMajor=${K8S_VERSION%%.*}" "gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2)" \
      "gitCommit=$commit" "gitTreeState=clean" "buildDate=$date"; do
      key=${kv%%=*}; val=${kv#*=}
      ld+=" -X $pkg.$key=$val"
    done
  done
  go build -trimpath -ldflags "$ld" -o "$W/out/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler >>"$LOG" 2>&1 || fail "building kubernetes v$K8S_VERSION failed"
}

# build_module <name> <module@version> <package>: one binary from a module
# that is not a library (it may have replace directives, so no `go install pkg@v`).
build_module() {
  local name=$1 modver=$2 pkg=$3 m="$W/$1"
  new_module "$m"; cd "$m"
  go get "$pkg@${modver#*@}" >>"$LOG" 2>&1 || fail "go get $modver failed"
  go build -trimpath -ldflags "-s -w" -o "$W/out/$name" "$pkg" >>"$LOG" 2>&1 || fail "building $name failed"
}

echo "build-k8s-current.sh: building Kubernetes v$K8S_VERSION, etcd v$ETCD_VERSION, kwok v$KWOK_VERSION" \
  "from the Go module proxy (log: $LOG)" >&2
mkdir -p "$W/out"
build_kubernetes
# etcd 3.6+: the etcd binary is the root package of go.etcd.io/etcd/server/v3.
build_module etcd "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" go.etcd.io/etcd/server/v3
build_module kwok "sigs.k8s.io/kwok@v$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok

peak=$(du -sm "$W" | cut -f1)
mkdir -p "$BIN"
# Copy, then rename: a reader never finds half a binary at the final path.
for b in "${BINARIES[@]}"; do
  cp "$W/out/$b" "$BIN/.$b.tmp"
  mv -f "$BIN/.$b.tmp" "$BIN/$b"
done
cd "$CACHE"; rm -rf "$W"
echo "build-k8s-current.sh: built in $((SECONDS - started)) s, ${peak} MB of disk while building," \
  "$(du -sm "$BIN" | cut -f1) MB of binaries in $BIN" >&2
"$BIN/kube-apiserver" --version >&2
echo "$BIN"
