import { createPrivateKey, sign } from "node:crypto";
import * as z from "zod";
import type { HttpTransport } from "../http/http-transport.ts";
import { hostingJson, hostingSend } from "./hosting-json.ts";

/** A GitHub App installation, as Argo CD and Flux take it: the app's id, the installation's id, its private key. */
export interface GitHubAppInstallation {
  readonly appId: string;
  readonly installationId: string;
  /** PEM (PKCS#1 or PKCS#8), as GitHub hands it out. */
  readonly privateKey: string;
  /** `https://api.github.com`, or GitHub Enterprise Server's `https://<host>/api/v3`. */
  readonly apiUrl: string;
}

const tokenSchema = z.object({ token: z.string().min(1), expires_at: z.string() });
/** A token is renewed this long before it expires, so no request starts with one about to lapse. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

/**
 * Installation access tokens for one GitHub App installation, for git over HTTPS
 * (`x-access-token:<token>`) and the GitHub API. Each is got with a JWT signed by the app's
 * private key (RS256, `iss` the app id, valid 10 minutes as GitHub allows at most), kept until 5
 * minutes before it expires (GitHub gives an hour), and shared by concurrent callers.
 */
export class GitHubAppToken {
  private current: Promise<{ token: string; expiresAt: number }> | undefined;

  constructor(
    private readonly app: GitHubAppInstallation,
    private readonly http: HttpTransport,
    private readonly now: () => number = Date.now,
  ) {}

  async token(): Promise<string> {
    const held = this.current ? await this.current.catch(() => undefined) : undefined;
    if (!held || held.expiresAt - RENEW_BEFORE_MS <= this.now()) {
      this.current = this.fetch();
      this.current.catch(() => undefined);
      return (await this.current).token;
    }
    return held.token;
  }

  /** The JWT that proves the app itself; GitHub allows 10 minutes and a clock 60 s behind. */
  appJwt(): string {
    const now = Math.floor(this.now() / 1000);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iat: now - 60, exp: now + 540, iss: this.app.appId })}`;
    return `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), createPrivateKey(this.app.privateKey)).toString("base64url")}`;
  }

  private async fetch(): Promise<{ token: string; expiresAt: number }> {
    const url = `${this.app.apiUrl.replace(/\/+$/, "")}/app/installations/${encodeURIComponent(this.app.installationId)}/access_tokens`;
    const headers = {
      authorization: `Bearer ${this.appJwt()}`,
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
      "user-agent": "sluice",
    };
    const what = `GitHub App ${this.app.appId} installation ${this.app.installationId} token`;
    const answer = hostingJson(await hostingSend(this.http, { method: "POST", url, headers }, what), tokenSchema, what);
    return { token: answer.token, expiresAt: Date.parse(answer.expires_at) };
  }
}
