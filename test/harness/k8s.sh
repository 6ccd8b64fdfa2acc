#!/usr/bin/env bash
# Start or stop a throwaway Kubernetes control plane on 127.0.0.1 only:
# etcd + kube-apiserver (RBAC, static token) + kube-controller-manager (no
# cloud, volume or node IPAM controllers), and, with the current release, also
# kube-scheduler and kwok running three simulated nodes: Pods are scheduled,
# become Running and Ready, and Job Pods complete. The Debian 1.20 fallback
# has neither (nor the node lifecycle controller): its Pods stay Pending.
#
#   bash test/harness/k8s.sh start   # prints KUBECONFIG=<path>, K8S_VERSION=<v>,
#                                    # K8S_NODES=<n> once the cluster is ready
#   bash test/harness/k8s.sh stop    # stops the PIDs recorded by start
#
# Environment (all optional):
#   SLUICE_CLUSTER_DIR      state: pki/, etcd/, *.log, *.pid, kubeconfig
#                           (default ~/.cache/sluice/cluster)
#   SLUICE_K8S_BIN          dir holding the binaries; with kube-scheduler and kwok
#                           in it, the full current cluster starts. Default: the
#                           current build (bash test/harness/build-k8s-current.sh)
#                           if there is one, else the 1.20 one
#                           (~/.cache/sluice/k8s-1.20.2-reflect2/bin, from
#                           bash test/harness/build-k8s.sh; etcd from PATH)
#   SLUICE_ETCD_PORT        etcd client port (default 2379)
#   SLUICE_ETCD_PEER_PORT   etcd peer port (default client port + 1)
#   SLUICE_API_PORT         kube-apiserver secure port (default 6443)
#   SLUICE_K8S_TOKEN        admin bearer token (default: random)
#   SLUICE_KCM              1 to start kube-controller-manager (default 1)
#   SLUICE_WATCH_PID        stop the cluster by itself once this PID is gone,
#                           so a killed test runner leaves nothing behind
#   SLUICE_CLUSTER_DISPOSABLE  1: that watchdog also deletes SLUICE_CLUSTER_DIR
set -euo pipefail

CACHE=${SLUICE_CACHE:-$HOME/.cache/sluice}
S=${SLUICE_CLUSTER_DIR:-$CACHE/cluster}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -z "${SLUICE_K8S_BIN:-}" ]; then
  SLUICE_K8S_BIN=$(bash "$HERE/build-k8s-current.sh" --print-bin)
  [ -x "$SLUICE_K8S_BIN/kube-apiserver" ] || SLUICE_K8S_BIN=$CACHE/k8s-1.20.2-reflect2/bin
fi
BIN=$SLUICE_K8S_BIN
# The current build has its own etcd, scheduler and kwok; the 1.20 one uses Debian's etcd.
if [ -x "$BIN/kube-scheduler" ] && [ -x "$BIN/kwok" ]; then CURRENT=1; ETCD=$BIN/etcd; else CURRENT=0; ETCD=etcd; fi
NODES=3
ETCD_PORT=${SLUICE_ETCD_PORT:-2379}
ETCD_PEER_PORT=${SLUICE_ETCD_PEER_PORT:-$((ETCD_PORT + 1))}
API_PORT=${SLUICE_API_PORT:-6443}
SETUP_HINT="run: bash test/harness/build-k8s-current.sh (or, without the Go module proxy, bash test/harness/build-k8s.sh)"

COMPONENTS=(watchdog kwok scheduler kcm apiserver etcd)

alive() { [ -f "$S/$1.pid" ] && kill -0 "$(cat "$S/$1.pid")" 2>/dev/null; }

tail_log() {
  [ -f "$S/$1.log" ] || return 0
  echo "--- last lines of $S/$1.log ---" >&2
  tail -n 25 "$S/$1.log" >&2
}

do_stop() {
  local name pid pids=()
  # SIGTERM to all at once: the state is thrown away, so no component needs
  # another to shut down cleanly, and stopping one after the other took 6 s.
  for name in "${COMPONENTS[@]}"; do
    [ -f "$S/$name.pid" ] || continue
    pid=$(cat "$S/$name.pid")
    rm -f "$S/$name.pid"
    # The watchdog runs stop itself; it must not signal its own process.
    [ "$pid" != "${BASHPID:-}" ] || continue
    if kill "$pid" 2>/dev/null; then pids+=("$pid"); fi
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  for _ in $(seq 1 100); do
    local left=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && left+=("$pid"); done
    [ ${#left[@]} -gt 0 ] || return 0
    sleep 0.1
  done
  for pid in "${left[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}

need() {
  if [ ! -x "$1" ] && ! command -v "$1" >/dev/null 2>&1; then
    echo "k8s.sh: $1 not found; $SETUP_HINT" >&2
    exit 3
  fi
}

api() {
  curl -sf --max-time 5 --cacert "$S/pki/ca.crt" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' "$@"
}
api_get() { api "https://127.0.0.1:$API_PORT$1" >/dev/null 2>&1; }

# kwok runs the nodes that carry this annotation; no taint, so every Pod may land on them.
create_nodes() {
  local i name
  for i in $(seq 0 $((NODES - 1))); do
    name=kwok-node-$i
    api -X POST "https://127.0.0.1:$API_PORT/api/v1/nodes" -o /dev/null -d '{"apiVersion":"v1","kind":"Node",
      "metadata":{"name":"'$name'","annotations":{"kwok.x-k8s.io/node":"fake"},
        "labels":{"type":"kwok","kubernetes.io/hostname":"'$name'","kubernetes.io/os":"linux","kubernetes.io/arch":"amd64"}}}' \
      || { echo "k8s.sh: could not create node $name" >&2; return 1; }
  done
}

nodes_ready() {
  local ready
  ready=$(api "https://127.0.0.1:$API_PORT/api/v1/nodes?labelSelector=type%3Dkwok" 2>/dev/null \
    | tr -d ' \n' | grep -o '"type":"Ready","status":"True"' | wc -l)
  [ "$ready" -ge "$NODES" ]
}

# wait_for <component> <seconds> <command...>: fails early when the process died.
wait_for() {
  local name=$1 seconds=$2; shift 2
  local tries=$((seconds * 5))
  for _ in $(seq 1 "$tries"); do
    if [ -n "${SLUICE_WATCH_PID:-}" ] && ! kill -0 "$SLUICE_WATCH_PID" 2>/dev/null; then
      echo "k8s.sh: watched PID $SLUICE_WATCH_PID is gone; giving up" >&2; return 1
    fi
    "$@" && return 0
    if ! alive "$name"; then
      echo "k8s.sh: $name exited during start-up" >&2; tail_log "$name"; return 1
    fi
    sleep 0.2
  done
  echo "k8s.sh: timed out after ${seconds}s waiting for $name" >&2; tail_log "$name"; return 1
}

write_kubeconfig() {
  local ca
  ca=$(base64 -w0 "$S/pki/ca.crt")
  (umask 077; cat > "$S/kubeconfig") <<EOF
apiVersion: v1
kind: Config
clusters:
  - name: sluice-test
    cluster:
      server: https://127.0.0.1:$API_PORT
      certificate-authority-data: $ca
users:
  - name: admin
    user:
      token: $TOKEN
contexts:
  - name: sluice-test
    context:
      cluster: sluice-test
      user: admin
      namespace: default
current-context: sluice-test
EOF
}

make_pki() {
  mkdir -p "$S/pki"
  (
    cd "$S/pki"
    # P-256 keys: generating three RSA keys took longer than etcd's start-up.
    local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
    openssl req -x509 "${ec[@]}" -keyout ca.key -out ca.crt -days 30 -subj "/CN=sluice-test-ca" 2>/dev/null
    openssl req "${ec[@]}" -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt -days 30 -extfile ext 2>/dev/null
    openssl ecparam -name prime256v1 -genkey -noout -out sa.key 2>/dev/null
    openssl ec -in sa.key -pubout -out sa.pub 2>/dev/null
    echo "$TOKEN,admin,admin-uid,\"system:masters\"" > tokens.csv
    chmod 600 ./*.key tokens.csv
  )
}

start_watchdog() {
  local watched=$1
  (
    # Ctrl-C or a closing terminal reaches the whole process group; the
    # watchdog must outlive the runner to clean up after it.
    trap '' INT HUP
    # Detach from the caller's stdout/stderr so `start` returns at once.
    exec >>"$S/watchdog.log" 2>&1 </dev/null
    while kill -0 "$watched" 2>/dev/null; do sleep 1; done
    echo "watched PID $watched is gone; stopping the cluster"
    do_stop
    if [ "${SLUICE_CLUSTER_DISPOSABLE:-0}" = 1 ]; then rm -rf "$S"; fi
  ) &
  echo $! > "$S/watchdog.pid"
}

do_start() {
  need "$BIN/kube-apiserver"
  need "$BIN/kube-controller-manager"
  need "$ETCD"
  need openssl
  need curl
  for c in "${COMPONENTS[@]}"; do
    if alive "$c"; then
      echo "k8s.sh: $c is already running from $S (PID $(cat "$S/$c.pid")); run stop first" >&2
      exit 1
    fi
  done
  mkdir -p "$S"
  # Only remove what start creates: SLUICE_CLUSTER_DIR may be a shared dir.
  rm -rf "$S/pki" "$S/etcd" "$S/kubeconfig" "$S"/*.log "$S"/*.pid
  TOKEN=${SLUICE_K8S_TOKEN:-$(openssl rand -hex 24)}
  make_pki
  write_kubeconfig

  local version
  version=$("$BIN/kube-apiserver" --version | sed -n 's/^Kubernetes //p')
  # No node, cloud, volume, bootstrap-token or CSR controllers: nothing here needs them.
  local off=nodeipam,nodelifecycle,cloud-node-lifecycle,route,service,attachdetach,persistentvolume-binder
  off+=,persistentvolume-expander,pv-protection,pvc-protection,ttl,bootstrapsigner,tokencleaner,csrsigning
  off+=,csrapproving,csrcleaner
  local etcd_extra=() api_extra=(--insecure-port=0) kcm_extra=(--port=0)
  if [ $CURRENT = 1 ]; then
    # Insecure ports are gone, and so are the cloud controllers; fsync buys nothing for a throwaway etcd.
    etcd_extra=(--unsafe-no-fsync); api_extra=(); kcm_extra=()
    off=${off/,cloud-node-lifecycle,route,service/}
    # New nodes get a not-ready taint at admission; only the node lifecycle controller lifts it
    # once kwok reports them Ready.
    off=${off/nodelifecycle,/}
  fi

  "$ETCD" --name sluice-test --data-dir "$S/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "sluice-test=http://127.0.0.1:$ETCD_PEER_PORT" "${etcd_extra[@]}" \
    >"$S/etcd.log" 2>&1 </dev/null &
  echo $! > "$S/etcd.pid"

  if [ -n "${SLUICE_WATCH_PID:-}" ]; then start_watchdog "$SLUICE_WATCH_PID"; fi

  "$BIN/kube-apiserver" --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" "${api_extra[@]}" \
    --cert-dir="$S/pki" --tls-cert-file="$S/pki/apiserver.crt" --tls-private-key-file="$S/pki/apiserver.key" \
    --client-ca-file="$S/pki/ca.crt" --token-auth-file="$S/pki/tokens.csv" --authorization-mode=RBAC \
    --service-account-key-file="$S/pki/sa.pub" --service-account-signing-key-file="$S/pki/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-cluster-ip-range=10.0.0.0/24 --endpoint-reconciler-type=none \
    >"$S/apiserver.log" 2>&1 </dev/null &
  echo $! > "$S/apiserver.pid"

  # From here on a failure must not leave half a cluster running.
  wait_for apiserver 90 api_get /readyz || { do_stop; exit 1; }

  if [ "${SLUICE_KCM:-1}" = 1 ]; then
    "$BIN/kube-controller-manager" --kubeconfig="$S/kubeconfig" --leader-elect=false \
      --bind-address=127.0.0.1 --secure-port=0 "${kcm_extra[@]}" \
      --service-account-private-key-file="$S/pki/sa.key" --root-ca-file="$S/pki/ca.crt" \
      --controllers="*,-${off//,/,-}" \
      >"$S/kcm.log" 2>&1 </dev/null &
    echo $! > "$S/kcm.pid"
    # Pods are rejected until their namespace has a `default` ServiceAccount,
    # which the controller manager creates: wait for it so tests need not.
    wait_for kcm 60 api_get /api/v1/namespaces/default/serviceaccounts/default || { do_stop; exit 1; }
  fi

  local nodes=0
  if [ $CURRENT = 1 ]; then
    "$BIN/kube-scheduler" --kubeconfig="$S/kubeconfig" --leader-elect=false \
      --bind-address=127.0.0.1 --secure-port=0 \
      >"$S/scheduler.log" 2>&1 </dev/null &
    echo $! > "$S/scheduler.pid"
    # No --server-address: kwok serves no kubelet API, so nothing listens but the control plane.
    "$BIN/kwok" --kubeconfig="$S/kubeconfig" --config="$HERE/kwok-stages.yaml" \
      --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
      --node-ip=127.0.0.1 --cidr=10.244.0.0/16 --node-lease-duration-seconds=40 \
      >"$S/kwok.log" 2>&1 </dev/null &
    echo $! > "$S/kwok.pid"
    create_nodes || { do_stop; exit 1; }
    wait_for kwok 60 nodes_ready || { do_stop; exit 1; }
    alive scheduler || { echo "k8s.sh: kube-scheduler exited during start-up" >&2; tail_log scheduler; do_stop; exit 1; }
    nodes=$NODES
  fi
  echo "k8s.sh: Kubernetes $version on https://127.0.0.1:$API_PORT, $nodes simulated nodes" >&2
  echo "KUBECONFIG=$S/kubeconfig"
  echo "K8S_VERSION=$version"
  echo "K8S_NODES=$nodes"
}

case "${1:-}" in
  start) do_start ;;
  stop) do_stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
