import type { AppConfig } from "../../core/config/app-config.ts";
import { ClusterDestination } from "../../engine/destination/cluster-destination.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import { clusterSweepTarget, folderSweepTarget, type SweepTarget } from "./sweep-target.ts";

/**
 * The sweep's view of each app's destination, one per destination (so one record list and one
 * list per kind serve all its apps), named as sluice.yaml names it.
 */
export function sweepTargets(destinationFor: (app: AppConfig) => Destination): (app: AppConfig) => SweepTarget {
  const targets = new Map<Destination, SweepTarget>();
  return (app) => {
    const destination = destinationFor(app);
    let target = targets.get(destination);
    if (!target) {
      target = destination instanceof ClusterDestination && "cluster" in app.destination
        ? clusterSweepTarget(app.destination.cluster, destination, () => destination.kubeClient())
        : folderSweepTarget("directory" in app.destination ? app.destination.directory : destination.name, destination);
      targets.set(destination, target);
    }
    return target;
  };
}
