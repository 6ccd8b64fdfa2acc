import { KubeConfig } from "@kubernetes/client-node";
import type { AppConfig, SluiceConfig } from "../config/app-config.ts";
import { ClusterDestination } from "../destination/cluster-destination.ts";
import type { Destination } from "../destination/destination.ts";
import { DirectoryDestination } from "../destination/directory-destination.ts";

/** Builds each app's destination once: a cluster client per configured cluster, a folder otherwise. */
export function destinations(config: SluiceConfig): (app: AppConfig) => Destination {
  const clusters = new Map<string, Destination>();
  const folders = new Map<string, Destination>();
  return (app) => {
    if ("directory" in app.destination) {
      const dir = app.destination.directory;
      let folder = folders.get(dir);
      if (!folder) folders.set(dir, folder = new DirectoryDestination(dir));
      return folder;
    }
    const name = app.destination.cluster;
    let cluster = clusters.get(name);
    if (!cluster) {
      const settings = config.clusters.find((c) => c.name === name);
      if (!settings) throw new Error(`no cluster named ${name}`);
      const kc = new KubeConfig();
      kc.loadFromFile(settings.kubeconfig.path);
      if (settings.kubeconfig.context) kc.setCurrentContext(settings.kubeconfig.context);
      clusters.set(name, cluster = new ClusterDestination(kc));
    }
    return cluster;
  };
}
