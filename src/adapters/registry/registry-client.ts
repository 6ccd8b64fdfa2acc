import { createHash } from "node:crypto";
import type { z } from "zod";
import type { CredentialSource } from "./registry-credentials.ts";
import { RegistryPermanentError, RegistryTransientError } from "./registry-errors.ts";
import type { HttpResponse, HttpTransport } from "../http/http-transport.ts";
import { NoAnswerError } from "../http/no-answer-error.ts";
import { retryAfterMs } from "../http/retry-after.ts";
import { sendWithRetry, type RetryPolicy } from "../http/send-with-retry.ts";
import { errorBodySchema, imageConfigBlobSchema, manifestSchema, tagListSchema, tokenResponseSchema, type Manifest } from "./registry-responses.ts";
import type { BudgetClock, RequestBudget } from "./request-budget.ts";
import { parseWwwAuthenticate } from "./www-authenticate.ts";

/** Manifest media types Sluice reads; without them a registry may convert (schema 1) or refuse (OCI). */
export const MANIFEST_MEDIA_TYPES = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
] as const;
const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(", ");

export interface RegistryClientOptions {
  /** The registry as image names spell it, for messages. */
  readonly host: string;
  /** `https://ghcr.io`, `http://127.0.0.1:5000`. */
  readonly baseUrl: string;
  readonly http: HttpTransport;
  readonly credentials: CredentialSource;
  readonly budget: RequestBudget;
  readonly clock: BudgetClock;
  readonly pageSize: number;
  /** Attempts per request on 429, 5xx and network errors before the job is retried later. */
  readonly maxAttempts?: number;
}

/** What a manifest HEAD tells. */
export interface ManifestHead {
  readonly digest: string;
  readonly mediaType: string | undefined;
}

interface RegistryRequest {
  readonly method: "GET" | "HEAD";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

interface CachedToken {
  readonly token: string;
  readonly expires: number;
}

/**
 * An OCI distribution v2 client for one registry: tag lists with `Link` pagination, manifest
 * digests by HEAD, and image creation times. Signs in the way the registry's challenge asks
 * (token flow, anonymous or with credentials, or Basic), or with a static bearer token.
 * 429 and 5xx are retried briefly and then raised as RegistryTransientError; 401, 403, 404 and
 * malformed answers raise RegistryPermanentError with the registry's own message.
 */
export class RegistryClient {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly created = new Map<string, Promise<Date | undefined>>();
  /** The registry asked for Basic auth once: send it up front from then on. */
  private basic = false;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: RegistryClientOptions) {
    const { budget, clock } = options;
    this.retry = {
      clock,
      maxAttempts: options.maxAttempts ?? 3,
      backoff: { baseMs: 500, maxMs: 8_000 },
      beforeAttempt: () => budget.take(),
      // Every job in this process waits out a 429 for the registry, not only this one: the budget holds them.
      onRetryAfter: (status, ms) => {
        if (status !== 429) return false;
        budget.closeFor(ms);
        return true;
      },
    };
  }

  get host(): string {
    return this.options.host;
  }

  /** Every tag of the repository `name` (the path after the host), following `Link: <…>; rel="next"`. */
  async listTags(name: string): Promise<string[]> {
    const tags: string[] = [];
    const seen = new Set<string>();
    let url: string | undefined = this.url(`/v2/${name}/tags/list?n=${this.options.pageSize}`);
    while (url !== undefined) {
      if (seen.has(url)) throw new RegistryPermanentError(`${this.options.host}: tags/list of ${name} links back to a page already read (${url})`, { host: this.options.host });
      seen.add(url);
      const res = await this.send("GET", url, pullScope(name));
      const page = await this.json(res, `tags of ${name}`, tagListSchema);
      tags.push(...(page.tags ?? []));
      url = nextLink(res.header("link"), res.url);
    }
    return tags;
  }

  /** The digest of `name:reference` by a manifest HEAD (on Docker Hub a GET counts as a pull; a HEAD does not). */
  async headManifest(name: string, reference: string): Promise<ManifestHead> {
    const url = this.url(`/v2/${name}/manifests/${encodeURIComponent(reference)}`);
    const res = await this.send("HEAD", url, pullScope(name), MANIFEST_ACCEPT);
    await this.ok(res, `manifest ${name}:${reference}`);
    const mediaType = res.header("content-type")?.split(";")[0]?.trim();
    const digest = res.header("docker-content-digest");
    if (digest !== undefined) return { digest, mediaType };
    // Some registries leave the digest header off HEAD answers: only then is a GET needed.
    const body = await (await this.fetchManifest(name, reference)).text();
    return { digest: `sha256:${createHash("sha256").update(body).digest("hex")}`, mediaType };
  }

  /**
   * When the image `name@digest` was built (its config's `created`), for newest-pushed policies.
   * For an index, the linux/amd64 image's (or the first one's). Digests are immutable, so the
   * answer is kept for the life of the process. Undefined when the image does not say.
   */
  createdAt(name: string, digest: string): Promise<Date | undefined> {
    const key = `${name}@${digest}`;
    let created = this.created.get(key);
    if (!created) {
      created = this.readCreated(name, digest);
      created.catch(() => this.created.delete(key));
      this.created.set(key, created);
    }
    return created;
  }

  private async readCreated(name: string, digest: string): Promise<Date | undefined> {
    let manifest = await this.manifest(name, digest);
    if ("manifests" in manifest) {
      const chosen = manifest.manifests.find((m) => m.platform?.os === "linux" && m.platform.architecture === "amd64") ?? manifest.manifests[0];
      if (!chosen) return undefined;
      manifest = await this.manifest(name, chosen.digest);
      if (!("config" in manifest)) throw new RegistryPermanentError(`${this.options.host}: ${name}@${chosen.digest} is an index inside an index`, { host: this.options.host });
    }
    const res = await this.send("GET", this.url(`/v2/${name}/blobs/${manifest.config.digest}`), pullScope(name));
    const config = await this.json(res, `image config of ${name}@${digest}`, imageConfigBlobSchema);
    const created = config.created === undefined ? undefined : new Date(config.created);
    return created === undefined || Number.isNaN(created.getTime()) ? undefined : created;
  }

  private async manifest(name: string, reference: string): Promise<Manifest> {
    return this.json(await this.fetchManifest(name, reference), `manifest ${name}@${reference}`, manifestSchema);
  }

  private fetchManifest(name: string, reference: string): Promise<HttpResponse> {
    return this.send("GET", this.url(`/v2/${name}/manifests/${encodeURIComponent(reference)}`), pullScope(name), MANIFEST_ACCEPT);
  }

  /** One request with sign-in, budget and retries of 429/5xx/network errors; any other status is returned. */
  private async send(method: "GET" | "HEAD", url: string, scope: string, accept?: string): Promise<HttpResponse> {
    for (let signedIn = false; ; signedIn = true) {
      const headers: Record<string, string> = { ...(await this.authorization(scope)), ...(accept ? { accept } : {}) };
      const res = await this.exchange({ method, url, headers }, `${method} ${url}`);
      if (res.status !== 401 || signedIn) return res;
      const challenge = res.header("www-authenticate");
      await res.text();
      if (challenge === undefined || !(await this.signIn(challenge, scope))) {
        const hint = await this.credentialHint();
        throw new RegistryPermanentError(`${method} ${url}: 401 the registry wants credentials${hint}`, { host: this.options.host, status: 401 });
      }
    }
  }

  /** An exchange with retries; no answer, or a 429/5xx still there after them, is transient. */
  private async exchange(request: RegistryRequest, what: string): Promise<HttpResponse> {
    const host = this.options.host;
    let res: HttpResponse;
    try {
      res = await sendWithRetry(this.options.http, request, this.retry);
    } catch (error) {
      if (error instanceof RegistryTransientError) throw error;
      const reason = error instanceof NoAnswerError ? error.message : `${what}: ${error instanceof Error ? error.message : String(error)}`;
      throw new RegistryTransientError(reason, { host, cause: error });
    }
    if (res.status !== 429 && res.status < 500) return res;
    const retryAfter = retryAfterMs(res.header("retry-after"), this.options.clock.now());
    throw new RegistryTransientError(`${what}: ${res.status}${await errorMessage(res)}`, { host, retryAfterMs: retryAfter });
  }

  private async authorization(scope: string): Promise<Record<string, string>> {
    const credentials = await this.options.credentials();
    if (credentials.kind === "bearer") return { authorization: `Bearer ${credentials.token}` };
    const token = this.tokens.get(scope);
    if (token && token.expires > this.options.clock.now()) return { authorization: `Bearer ${token.token}` };
    if (this.basic && credentials.kind === "basic") return { authorization: basicAuth(credentials.username, credentials.password) };
    return {};
  }

  /** Answers a 401's challenge; false when there is nothing to answer it with. */
  private async signIn(header: string, scope: string): Promise<boolean> {
    const credentials = await this.options.credentials();
    const challenges = parseWwwAuthenticate(header);
    const bearer = challenges.find((c) => c.scheme === "bearer" && c.params.realm);
    if (bearer && credentials.kind !== "bearer") {
      await this.fetchToken(bearer.params, scope, credentials.kind === "basic" ? credentials : undefined);
      return true;
    }
    if (challenges.some((c) => c.scheme === "basic") && credentials.kind === "basic" && !this.basic) {
      this.basic = true;
      return true;
    }
    return false;
  }

  /** Docker's token flow: GET <realm>?service=…&scope=…, with Basic credentials when configured. */
  private async fetchToken(params: Readonly<Record<string, string>>, scope: string, login: { username: string; password: string } | undefined): Promise<void> {
    const realm = new URL(params.realm ?? "");
    if (params.service) realm.searchParams.set("service", params.service);
    realm.searchParams.set("scope", params.scope ?? scope);
    const headers: Record<string, string> = login ? { authorization: basicAuth(login.username, login.password) } : {};
    const res = await this.exchange({ method: "GET", url: realm.href, headers }, `token server ${realm.origin}`);
    if (res.status !== 200) {
      throw new RegistryPermanentError(`token server ${realm.origin} refused ${login ? `user ${login.username}` : "an anonymous sign-in"} for ${params.scope ?? scope}: ${res.status}${await errorMessage(res)}`, { host: this.options.host, status: res.status });
    }
    const answer = await this.json(res, `token from ${realm.origin}`, tokenResponseSchema);
    const token = answer.token ?? answer.access_token ?? "";
    // The spec's default lifetime is 60 s; renew a little early so a token never expires in flight.
    const lifetime = (answer.expires_in ?? 60) * 1000;
    this.tokens.set(scope, { token, expires: this.options.clock.now() + Math.max(lifetime - 10_000, lifetime / 2) });
  }

  private async credentialHint(): Promise<string> {
    const credentials = await this.options.credentials();
    return credentials.kind === "anonymous" ? `; no credentials are configured for ${this.options.host} under registries:` : "; the configured credentials were refused";
  }

  private async ok(res: HttpResponse, what: string): Promise<void> {
    if (res.status >= 200 && res.status < 300) return;
    throw new RegistryPermanentError(`${this.options.host}: ${what}: ${res.status}${await errorMessage(res)}`, { host: this.options.host, status: res.status });
  }

  private async json<T>(res: HttpResponse, what: string, schema: z.ZodType<T>): Promise<T> {
    await this.ok(res, what);
    const text = await res.text();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new RegistryPermanentError(`${this.options.host}: ${what}: the answer is not JSON: ${text.slice(0, 200)}`, { host: this.options.host, cause: error });
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new RegistryPermanentError(`${this.options.host}: ${what}: unexpected answer: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`, { host: this.options.host, cause: parsed.error });
    return parsed.data;
  }

  private url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, "")}${path}`;
  }
}

function pullScope(name: string): string {
  return `repository:${name}:pull`;
}

function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

/** The registry's own words from an error answer: ` NAME_UNKNOWN: repository name not known to registry`. */
async function errorMessage(res: HttpResponse): Promise<string> {
  const text = await res.text();
  if (text.trim() === "") return "";
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.errors.length > 0) {
      return ` ${parsed.data.errors.map((e) => [e.code, e.message].filter(Boolean).join(": ")).join("; ")}`;
    }
  } catch (error) {
    // Not JSON (a proxy's HTML page, a plain-text error): its first line says enough.
    if (!(error instanceof SyntaxError)) throw error;
  }
  return ` ${text.trim().split("\n")[0]?.slice(0, 200) ?? ""}`;
}

/** `Link: </v2/x/tags/list?last=b&n=2>; rel="next"` → the absolute next URL. */
function nextLink(header: string | undefined, base: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(",")) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match?.[1] !== undefined && /rel="?next"?/i.test(match[2] ?? "")) return new URL(match[1], base).href;
  }
  return undefined;
}
