import { kubeConfigFor, type ClusterAccessDeps } from "../../adapters/kube/kube-config-for.ts";
import type { AppConfig, SluiceConfig } from "../../core/config/app-config.ts";
import { ClusterDestination } from "../../engine/destination/cluster-destination.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import { DirectoryDestination } from "../../engine/destination/directory-destination.ts";

/**
 * Each app's destination: its cluster, or a folder when it has none. A cluster is
 * connected on first use, not at cold start, so one that cannot be reached (an EKS
 * DescribeCluster that fails) fails only its own apps, and is tried again next time.
 */
export function destinations(config: SluiceConfig, access: ClusterAccessDeps): (app: AppConfig) => Destination {
  const clusters = new Map<string, Destination>(
    config.clusters.map((c) => [c.name, new ClusterDestination(() => kubeConfigFor(c, access), { name: c.name, health: config.health })]),
  );
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
