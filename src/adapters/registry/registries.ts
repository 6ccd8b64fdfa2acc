import type { SecretResolver } from "../secrets/secret-resolver.ts";
import { ecrCredentials, type EcrTokenFetcher } from "./ecr-credentials.ts";
import { RegistryClient } from "./registry-client.ts";
import { ecrRegion, registryConfigSchema, type RegistryConfig } from "../../core/config/registry-config.ts";
import { anonymous, type CredentialSource } from "./registry-credentials.ts";
import type { HttpTransport } from "../http/http-transport.ts";
import { RequestBudget, type BudgetClock } from "./request-budget.ts";

export interface RegistriesDeps {
  readonly http: HttpTransport;
  readonly secrets: Pick<SecretResolver, "resolve">;
  readonly clock: BudgetClock;
  /** ECR's GetAuthorizationToken for a region; only called for registries configured with `ecr` credentials. */
  readonly ecrTokens?: (region: string) => EcrTokenFetcher;
}

/** A repository resolved to its registry: the client, and the name to use in API paths. */
export interface RegistryRepository {
  /** Undefined when the registry's `lookup` is off: Sluice must not call it. */
  readonly client: RegistryClient | undefined;
  /** The path after the host: `library/nginx`, `team/app`. */
  readonly name: string;
}

/** One client per registry host for the life of the process, so tokens, budget and caches are shared by all jobs. */
export class Registries {
  private readonly clients = new Map<string, RegistryClient | undefined>();

  constructor(private readonly configs: readonly RegistryConfig[], private readonly deps: RegistriesDeps) {}

  /** The registry of a normalised repository such as `ghcr.io/acme/web` or `docker.io/library/nginx`. */
  for(repository: string): RegistryRepository {
    const slash = repository.indexOf("/");
    const host = repository.slice(0, slash).toLowerCase();
    const name = repository.slice(slash + 1);
    if (!this.clients.has(host)) this.clients.set(host, this.create(host));
    return { client: this.clients.get(host), name };
  }

  /** The registry's base URL and sign-in, for a tool that signs in itself (helm pulling an OCI chart). */
  access(repository: string): { baseUrl: string; credentials: CredentialSource } {
    const host = repository.slice(0, repository.indexOf("/")).toLowerCase();
    const config = this.configFor(host);
    return { baseUrl: config.url ?? defaultUrl(host), credentials: this.credentials(config) };
  }

  private configFor(host: string): RegistryConfig {
    return this.configs.find((c) => sameHost(c.host, host)) ?? registryConfigSchema.parse({ host });
  }

  private create(host: string): RegistryClient | undefined {
    const config = this.configFor(host);
    if (!config.lookup) return undefined;
    return new RegistryClient({
      host,
      baseUrl: config.url ?? defaultUrl(host),
      http: this.deps.http,
      credentials: this.credentials(config),
      budget: new RequestBudget(host, config.budget.requests, config.budget.perSeconds, this.deps.clock),
      clock: this.deps.clock,
      pageSize: config.pageSize,
    });
  }

  private credentials(config: RegistryConfig): CredentialSource {
    const credentials = config.credentials;
    if (credentials === undefined) return anonymous;
    const { secrets } = this.deps;
    if ("bearer" in credentials) return async () => ({ kind: "bearer", token: await secrets.resolve(credentials.bearer) });
    if ("ecr" in credentials) {
      const region = credentials.ecr.region ?? ecrRegion(config.host) ?? "";
      const tokensFor = this.deps.ecrTokens;
      if (!tokensFor) return () => Promise.reject(new Error(`registry ${config.host} uses ECR credentials, and this runtime has no ECR client`));
      return ecrCredentials(tokensFor(region), credentials.ecr.registryId ?? (ecrRegion(config.host) ? config.host.split(".")[0] : undefined), () => this.deps.clock.now());
    }
    return async () => ({ kind: "basic", username: credentials.username, password: await secrets.resolve(credentials.password) });
  }
}

const DOCKER_HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);

function sameHost(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || (DOCKER_HUB.has(x) && DOCKER_HUB.has(y));
}

/** Docker Hub's API lives at registry-1.docker.io; a loopback registry speaks plain HTTP, as Docker allows. */
function defaultUrl(host: string): string {
  if (DOCKER_HUB.has(host)) return "https://registry-1.docker.io";
  const hostname = host.replace(/:\d+$/, "");
  if (hostname === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === "[::1]") return `http://${host}`;
  return `https://${host}`;
}
