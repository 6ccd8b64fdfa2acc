// The components the example needs besides `npm start`, from the test harness: a Kubernetes API
// server with simulated nodes (built on first use, see test/harness/k8s.sh) and a registry
// (Debian's docker-registry). Prints the environment for npm start and run.sh; stops both on Ctrl-C.
//   node --import tsx examples/review-apps/components.ts
import { writeFile } from "node:fs/promises";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startRegistry } from "../../test/harness/registry.ts";
import { startCluster } from "../../test/harness/start-cluster.ts";

const cluster = await startCluster();
const registry = await startRegistry();
const { kubectl } = await ensureKubeTools();
const exports = `export KUBECONFIG=${cluster.kubeconfig} SLUICE_REGISTRY=${registry.host} KUBECTL=${kubectl}\n`;
const envFile = process.argv[2];
if (envFile) await writeFile(envFile, exports);
process.stdout.write(`Kubernetes ${cluster.version} and a registry at ${registry.host} are up. In each shell:\n  ${exports}`);
const stop = () => void Promise.all([registry.stop(), cluster.stop()]).then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
setInterval(() => undefined, 1 << 30);
