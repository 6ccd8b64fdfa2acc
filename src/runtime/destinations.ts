import type { KubeConfig } from "@kubernetes/client-node";
import { kubeConfigFor, type ClusterAccessDeps } from "../clusters/kube-config-for.ts";
import type { AppConfig, SluiceConfig } from "../config/app-config.ts";
import { ClusterDestination } from "../destination/cluster-destination.ts";
import type { Destination } from "../destination/destination.ts";
import { DirectoryDestination } from "../destination/directory-destination.ts";

/**
 * Connects to every configured cluster once (a cold start) and returns each app's
 * destination: its cluster, or a folder when it has none.
 */
export async function destinations(config: SluiceConfig, access: ClusterAccessDeps): Promise<(app: AppConfig) => Destination> {
  const clusters = new Map<string, Destination>();
  const configs = await Promise.all(config.clusters.map(async (c) => [c.name, await kubeConfigFor(c, access)] as [string, KubeConfig]));
  for (const [name, kc] of configs) clusters.set(name, new ClusterDestination(kc));
  const folders = new Map<string, Destination>();
  return (app) => {
    if ("directory" in app.destination) {
      const dir = app.destination.directory;
      let folder = folders.get(dir);
      if (!folder) folders.set(dir, folder = new DirectoryDestination(dir));
      return folder;
    }
    const cluster = clusters.get(app.destination.cluster);
    if (!cluster) throw new Error(`no cluster named ${app.destination.cluster}`);
    return cluster;
  };
}
