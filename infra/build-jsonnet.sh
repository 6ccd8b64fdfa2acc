#!/usr/bin/env bash
# Build the jsonnet renderer: google/go-jsonnet's own `cmd/jsonnet` (the reference
# implementation), pinned, fetched through the Go module proxy and compiled to WebAssembly
# (GOOS=wasip1), which Node runs with node:wasi, the app's checkout its only preopened folder.
# Idempotent: exits at once when the wasm is cached. Prints the wasm's path on success.
#
# Environment (all optional):
#   SLUICE_CACHE   cache root (default ~/.cache/sluice)
#   GOTOOLCHAIN    passed to go; default "local" (the machine's Go)
#
#   bash infra/build-jsonnet.sh               # build if missing; prints the wasm's path
#   bash infra/build-jsonnet.sh --print-path  # only print where the wasm goes
#   bash infra/build-jsonnet.sh --native      # the same command built for this machine (bench baseline)
set -euo pipefail
GO_JSONNET_VERSION=0.22.0
CACHE=${SLUICE_CACHE:-$HOME/.cache/sluice}
DIR=$CACHE/jsonnet-$GO_JSONNET_VERSION
WASM=$DIR/jsonnet.wasm
TARGET=(GOOS=wasip1 GOARCH=wasm)
if [ "${1:-}" = --native ]; then WASM=$DIR/jsonnet; TARGET=(); fi
if [ "${1:-}" = --print-path ]; then echo "$WASM"; exit 0; fi
if [ -s "$WASM" ]; then echo "$WASM"; exit 0; fi

command -v go >/dev/null 2>&1 || { echo "build-jsonnet.sh: no go on PATH (Go 1.21 or later builds wasip1)" >&2; exit 1; }
mkdir -p "$DIR"
# Two runs starting at once must not build side by side: the second waits, then finds the wasm.
exec 9>"$DIR/.build.lock"
flock 9
if [ -s "$WASM" ]; then echo "$WASM"; exit 0; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export GOTOOLCHAIN=${GOTOOLCHAIN:-local} GOFLAGS=-mod=mod
printf 'module sluice.local/jsonnet-wasm\n\ngo 1.21\n' > go.mod
go get "github.com/google/go-jsonnet@v$GO_JSONNET_VERSION" >&2
env "${TARGET[@]}" go build -trimpath -ldflags="-s -w" -o "$work/jsonnet.wasm" github.com/google/go-jsonnet/cmd/jsonnet >&2
# Renamed into place: a reader never sees half a file.
mv "$work/jsonnet.wasm" "$WASM.tmp-$$" && mv "$WASM.tmp-$$" "$WASM"
echo "$WASM"
