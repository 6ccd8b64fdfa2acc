// The CI-script baseline: what a pipeline triggered by the push runs, one process after another.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface CiTarget {
  repoUrl: string;
  namespace: string;
  kubeconfig: string;
  tools: { helm: string; kubectl: string };
}

const SCRIPT = `set -euo pipefail
git clone --quiet --depth 1 "$REPO" "$DIR/repo"
cd "$DIR/repo"
sed -i "s/^  tag: .*/  tag: $TAG/" charts/web/values-develop.yaml
git -c user.name=ci -c user.email=ci@example.invalid commit --quiet -am "ci: web $TAG"
git push --quiet origin HEAD:main
"$HELM" template web charts/web -f charts/web/values-develop.yaml --namespace "$NS" > "$DIR/manifests.yaml"
"$KUBECTL" --kubeconfig "$KC" apply --server-side -n "$NS" -f "$DIR/manifests.yaml" > /dev/null
"$KUBECTL" --kubeconfig "$KC" rollout status -n "$NS" deployment/web --timeout=120s > /dev/null
`;

/** git clone, sed, commit, push, helm template, kubectl apply --server-side, kubectl rollout status. */
export async function ciDeploy(target: CiTarget, tag: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "sluice-bench-ci-"));
  try {
    const env = { ...process.env, REPO: target.repoUrl, DIR: dir, TAG: tag, NS: target.namespace, KC: target.kubeconfig, HELM: target.tools.helm, KUBECTL: target.tools.kubectl };
    await run("bash", ["-c", SCRIPT], { env, maxBuffer: 16 * 1024 * 1024 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
