import { join } from "node:path";
import { kubeConfigFor, type ClusterAccessDeps } from "../../adapters/kube/kube-config-for.ts";
import { HttpKubeClient } from "../../adapters/kube/http-kube-client.ts";
import type { SecretResolver } from "../../adapters/secrets/secret-resolver.ts";
import type { SluiceConfig } from "../../core/config/app-config.ts";
import { ConfigMapAppLedger } from "../../jobs/apps/configmap-app-ledger.ts";
import { FileAppLedger } from "../../jobs/apps/file-app-ledger.ts";
import type { GeneratedAppLedger } from "../../core/apps/generated-app-ledger.ts";
import type { RuntimeEnv } from "./read-env.ts";

/**
 * The ledger of generated apps, only where something generates apps: the one given; else ConfigMaps in
 * the first cluster's `sluice-system` (a Lambda's folder does not outlive it); else files under the work folder.
 */
export function ledgerOf(
  parts: { config: SluiceConfig; env: RuntimeEnv; ledger?: GeneratedAppLedger; aws?: Pick<ClusterAccessDeps, "describeEks" | "awsCredentials"> },
  secrets: SecretResolver,
): { ledger?: GeneratedAppLedger } {
  if (parts.ledger) return { ledger: parts.ledger };
  const { config, env } = parts;
  if (config.appSets.length === 0 && config.appSources.length === 0) return {};
  const home = config.clusters[0];
  if (!home) return { ledger: new FileAppLedger(join(env.SLUICE_WORK_DIR, "sluice-generated")) };
  let client: Promise<HttpKubeClient> | undefined;
  const connect = () => (client ??= kubeConfigFor(home, { secrets, region: env.AWS_REGION, ...parts.aws }).then((kc) => HttpKubeClient.forConfig(kc)));
  return { ledger: new ConfigMapAppLedger(connect) };
}
