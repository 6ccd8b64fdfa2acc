/** helm and kubectl where the kubectl layer puts them, unless the environment says otherwise. */
export function layerTools(env: Record<string, string | undefined> = process.env): { helm: string; kubectl: string } {
  return { helm: env["SLUICE_HELM"] ?? "/opt/helm/helm", kubectl: env["SLUICE_KUBECTL"] ?? "/opt/kubectl/kubectl" };
}
