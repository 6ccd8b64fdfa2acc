import type { AppConfig } from "../../core/config/app-config.ts";
import { ClusterDestination } from "../../engine/destination/cluster-destination.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import { clusterSweptDestination, folderSweptDestination, type SweptDestination } from "./swept-destination.ts";

/**
 * The sweep's view of each app's destination, one per destination (so one record list and one
 * list per kind serve all its apps), named as sluice.yaml names it.
 */
export function sweptDestinationFor(destinationFor: (app: AppConfig) => Destination): (app: AppConfig) => SweptDestination {
  const targets = new Map<Destination, SweptDestination>();
  return (app) => {
    const destination = destinationFor(app);
    let target = targets.get(destination);
    if (!target) {
      target = destination instanceof ClusterDestination && "cluster" in app.destination
        ? clusterSweptDestination(app.destination.cluster, destination, () => destination.kubeClient())
        : folderSweptDestination("directory" in app.destination ? app.destination.directory : destination.name, destination);
      targets.set(destination, target);
    }
    return target;
  };
}
