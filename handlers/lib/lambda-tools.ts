/**
 * helm and kubectl where the kubectl layer puts them, and the jsonnet wasm where the package
 * carries it (infra/aws/jsonnet-wasm.js), unless the environment says otherwise.
 */
export function layerTools(env: Record<string, string | undefined> = process.env): { helm: string; kubectl: string; jsonnet: string } {
  return {
    helm: env["SLUICE_HELM"] ?? "/opt/helm/helm",
    kubectl: env["SLUICE_KUBECTL"] ?? "/opt/kubectl/kubectl",
    jsonnet: env["SLUICE_JSONNET_WASM"] ?? `${env["LAMBDA_TASK_ROOT"] ?? "/var/task"}/dist/jsonnet/jsonnet.wasm`,
  };
}
