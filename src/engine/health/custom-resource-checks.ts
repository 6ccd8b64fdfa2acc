import type { HealthCheck } from "./health-check.ts";
import { analysisRunHealth, experimentHealth, workflowHealth } from "./argo-phase-health.ts";
import { argoRolloutHealth } from "./argo-rollout-health.ts";
import { certificateHealth, certificateRequestHealth } from "./cert-manager-health.ts";
import { cloudNativePgHealth } from "./cloudnative-pg-health.ts";
import { crossplaneHealth } from "./crossplane-health.ts";
import { fluxHealth } from "./flux-health.ts";
import { gatewayClassHealth, gatewayHealth, routeHealth } from "./gateway-health.ts";
import { istioHealth } from "./istio-health.ts";
import { kedaHealth } from "./keda-health.ts";
import { readyConditionHealth } from "./ready-condition-health.ts";
import { sealedSecretHealth } from "./sealed-secret-health.ts";
import { strimziHealth } from "./strimzi-health.ts";

const GATEWAY = "gateway.networking.k8s.io";
const ROUTES = ["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"];
const externalSecrets = readyConditionHealth("Waiting for ExternalSecret");
const issuer = readyConditionHealth("Initializing issuer");

/** Native checks for the custom resources people run, keyed group/kind. */
const BY_KIND: Record<string, HealthCheck> = {
  "argoproj.io/Rollout": argoRolloutHealth,
  "argoproj.io/AnalysisRun": analysisRunHealth,
  "argoproj.io/Experiment": experimentHealth,
  "argoproj.io/Workflow": workflowHealth,
  [`${GATEWAY}/Gateway`]: gatewayHealth,
  [`${GATEWAY}/GatewayClass`]: gatewayClassHealth,
  ...Object.fromEntries(ROUTES.map((kind) => [`${GATEWAY}/${kind}`, routeHealth(kind)])),
  "cert-manager.io/Certificate": certificateHealth,
  "cert-manager.io/CertificateRequest": certificateRequestHealth,
  "cert-manager.io/Issuer": issuer,
  "cert-manager.io/ClusterIssuer": issuer,
  ...Object.fromEntries(["ExternalSecret", "ClusterExternalSecret", "SecretStore", "ClusterSecretStore", "PushSecret"]
    .map((kind) => [`external-secrets.io/${kind}`, externalSecrets])),
  "bitnami.com/SealedSecret": sealedSecretHealth,
  "keda.sh/ScaledObject": kedaHealth,
  "keda.sh/ScaledJob": kedaHealth,
  "postgresql.cnpg.io/Cluster": cloudNativePgHealth,
};

/** Whole API groups that share one check; the first match wins. */
const BY_GROUP: [RegExp, HealthCheck][] = [
  [/(^|\.)crossplane\.io$|(^|\.)upbound\.io$/, crossplaneHealth],
  [/(^|\.)toolkit\.fluxcd\.io$/, fluxHealth],
  [/(^|\.)knative\.dev$/, readyConditionHealth("Waiting for Knative to report Ready")],
  [/(^|\.)istio\.io$/, istioHealth],
  [/^(kafka|core)\.strimzi\.io$/, strimziHealth],
];

/** The native check for a custom resource's group and kind, if Sluice has one. */
export function customResourceCheck(group: string, kind: string): HealthCheck | undefined {
  return BY_KIND[`${group}/${kind}`] ?? BY_GROUP.find(([pattern]) => pattern.test(group))?.[1];
}
