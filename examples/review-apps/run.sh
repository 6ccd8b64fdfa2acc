#!/usr/bin/env bash
# The review-app flow against a running `SLUICE_EXAMPLE=review-apps npm start`:
#   1. push a feature branch to the chart repo (and send the git host's push hook),
#   2. wait for its review app: namespace web1-<slug> and values file review/<slug>.yaml,
#   3. push an image for the branch, tagged with its short SHA (and send the generic hook),
#   4. wait until the app's Deployment runs that image,
#   5. delete the branch (and send the hook), wait until app, namespace and values file are gone.
# Exits 0 only when every step was seen on the API server and in git; 1 naming the step that was not.
# Needs git, curl, openssl, sha256sum, tar and kubectl (or KUBECTL=<path>) on KUBECONFIG's cluster.
set -euo pipefail

STATE_DIR=${SLUICE_STATE_DIR:-.sluice}
HOOKS=http://127.0.0.1:${SLUICE_PORT:-8787}
GIT_URL=http://127.0.0.1:${SLUICE_GIT_PORT:-8788}/charts.git
REGISTRY=${SLUICE_REGISTRY:-127.0.0.1:5000}
KUBECTL=${KUBECTL:-kubectl}
TIMEOUT=${TIMEOUT:-180}
BRANCH=${BRANCH:-feature/review-$RANDOM$RANDOM}
SLUG=$(printf '%s' "$BRANCH" | tr 'A-Z' 'a-z' | sed -E 's/[^a-z0-9]+/-/g; s/^-+//; s/-+$//')
APP=web1-$SLUG
NS=web1-$SLUG
VALUES=review/$SLUG.yaml
SECRET=$(tr -d '\n' < "$STATE_DIR/secrets/webhook-secret")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
now_ms() { date +%s%3N; }
started=$(now_ms)
mark=$started

# Each line: time since the start, and since the last hook sent (what Sluice took).
step() { local t; t=$(now_ms); printf '[%6.1fs] [+%5dms] %s\n' "$(( t - started ))e-3" "$(( t - mark ))" "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
# Polls `$@` five times a second until it succeeds, or fails the run after TIMEOUT seconds.
wait_for() {
  local what=$1; shift
  local deadline=$(( $(date +%s) + TIMEOUT ))
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s) < deadline )) || fail "$what: not seen within ${TIMEOUT}s"
    sleep 0.2
  done
  step "seen: $what"
}
# POSTs a signed body to a Sluice endpoint and prints its answer.
hook() {
  local path=$1 body=$2; shift 2
  mark=$(now_ms)
  local signature; signature=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)
  curl -fsS -X POST "$HOOKS$path" -H 'Content-Type: application/json' -H "X-Delivery-Id: run-$RANDOM$RANDOM" "$@" \
    -H "X-Hub-Signature-256: sha256=$signature" -H "X-Signature: sha256=$signature" --data-binary "$body"
  echo
}
# The git host's push hook for BRANCH, GitHub's format: created, or deleted when $1 is all zeros.
push_hook() {
  local after=$1 created=$2 deleted=$3 commits=${4:-[]}
  hook /hooks/git/github "{\"ref\":\"refs/heads/$BRANCH\",\"before\":\"0000000000000000000000000000000000000000\",\"after\":\"$after\",\"created\":$created,\"deleted\":$deleted,\"forced\":false,\"repository\":{\"clone_url\":\"$GIT_URL\"},\"commits\":$commits}" \
    -H 'X-GitHub-Event: push' -H "X-GitHub-Delivery: run-$RANDOM$RANDOM"
}
values_on_main() { git -C "$WORK/charts" fetch -q origin main && git -C "$WORK/charts" cat-file -e "origin/main:$VALUES"; }
no_values_on_main() { git -C "$WORK/charts" fetch -q origin main && ! git -C "$WORK/charts" cat-file -e "origin/main:$VALUES"; }
deployment_runs() {
  local image available
  image=$("$KUBECTL" -n "$NS" get deployment web1 -o 'jsonpath={.spec.template.spec.containers[0].image}') || return 1
  available=$("$KUBECTL" -n "$NS" get deployment web1 -o 'jsonpath={.status.availableReplicas}') || return 1
  [[ $image == "$IMAGE" && ${available:-0} -ge 1 ]]
}
# Sluice's record of the app (ConfigMap sluice-app-<app> in sluice-system) says Healthy, with `$1` in it.
record_healthy() {
  local record
  record=$("$KUBECTL" -n sluice-system get configmap "sluice-app-$APP" -o 'jsonpath={.data.record\.json}') || return 1
  [[ $record == *'"health":{"status":"Healthy"'* && $record == *"$1"* ]]
}
namespace_gone() { ! "$KUBECTL" get namespace "$NS" -o name; }

. "$(dirname "$0")/push-image.sh"

step "clone $GIT_URL and push branch $BRANCH"
git clone -q "$GIT_URL" "$WORK/charts"
git -C "$WORK/charts" checkout -q -b "$BRANCH"
echo "Change on $BRANCH" > "$WORK/charts/CHANGE.md"
git -C "$WORK/charts" add CHANGE.md
git -C "$WORK/charts" -c user.name=run.sh -c user.email=run@sluice.invalid commit -q -m "Work on $BRANCH"
git -C "$WORK/charts" push -q origin "$BRANCH"
SHA=$(git -C "$WORK/charts" rev-parse HEAD)
step "send the push hook for $BRANCH at ${SHA:0:12}"
push_hook "$SHA" true false "[{\"id\":\"$SHA\",\"message\":\"Work on $BRANCH\",\"author\":{\"name\":\"run.sh\",\"email\":\"run@sluice.invalid\"},\"added\":[\"CHANGE.md\"],\"modified\":[],\"removed\":[]}]"
wait_for "namespace $NS on the API server" "$KUBECTL" get namespace "$NS" -o name
wait_for "values file $VALUES committed on main" values_on_main
wait_for "review app $APP Healthy in Sluice's record" record_healthy "$APP"

TAG=${SHA:0:7}
IMAGE=$REGISTRY/fe/apps/web1/$SLUG:$TAG
step "push image $IMAGE"
push_image "$REGISTRY" "fe/apps/web1/$SLUG" "$TAG" "$BRANCH at $SHA"
step "send the generic hook for $IMAGE"
hook /hooks/generic "{\"image\":\"$IMAGE\"}"
wait_for "Deployment web1 in $NS running $IMAGE" deployment_runs
wait_for "review app $APP Healthy at tag $TAG in Sluice's record" record_healthy "\"$TAG\""

step "delete branch $BRANCH"
git -C "$WORK/charts" push -q origin --delete "$BRANCH"
push_hook 0000000000000000000000000000000000000000 false true
wait_for "namespace $NS deleted" namespace_gone
wait_for "values file $VALUES removed from main" no_values_on_main
step "review app $APP created, ran $IMAGE and was removed with its namespace and values file"
