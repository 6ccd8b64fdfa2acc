import type { Manifest } from "../render/manifest.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Sets `protocol: TCP` on port entries that omit it: the value the API server would default. */
function defaultProtocols(ports: unknown): void {
  if (!Array.isArray(ports)) return;
  for (const port of ports) if (isObj(port) && port["protocol"] === undefined) port["protocol"] = "TCP";
}

function podSpecOf(manifest: Obj): Obj | undefined {
  const spec = manifest["spec"];
  if (!isObj(spec)) return undefined;
  if (manifest["kind"] === "Pod") return spec;
  const jobTemplate = spec["jobTemplate"];
  const template = isObj(jobTemplate) && isObj(jobTemplate["spec"]) ? jobTemplate["spec"]["template"] : spec["template"];
  return isObj(template) && isObj(template["spec"]) ? template["spec"] : undefined;
}

/**
 * Server-side apply on some API servers (1.20 among them) refuses list entries that omit a
 * list-map key the server would default: `protocol` in Service and container ports.
 * Filling in the default keeps the object's meaning and lets apply merge by key.
 */
export function fillListKeyDefaults(manifest: Manifest): Manifest {
  const copy = structuredClone(manifest) as Manifest & Obj;
  if (copy.kind === "Service" && isObj(copy["spec"])) defaultProtocols(copy["spec"]["ports"]);
  const pod = podSpecOf(copy);
  if (pod) {
    for (const key of ["containers", "initContainers"]) {
      const containers = pod[key];
      if (Array.isArray(containers)) for (const c of containers) if (isObj(c)) defaultProtocols(c["ports"]);
    }
  }
  return copy;
}
