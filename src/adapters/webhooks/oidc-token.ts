import { createPublicKey, verify, type JsonWebKey, type KeyObject } from "node:crypto";
import * as z from "zod";
import type { HttpTransport } from "../http/http-transport.ts";
import { undiciTransport } from "../http/undici-transport.ts";

/** What a token must say to be accepted. */
export interface OidcExpectation {
  issuer: string;
  audience: string;
  /** The `email` claim (a push subscription's service account), when it is pinned. */
  email?: string;
  jwksUrl: string;
}

const headerSchema = z.object({ alg: z.literal("RS256"), kid: z.string().min(1) });
const claimsSchema = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  iat: z.number(),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
});
const jwksSchema = z.object({
  keys: z.array(z.object({ kid: z.string(), kty: z.literal("RSA"), n: z.string(), e: z.string() }).loose()),
});

// Keys by key-set URL; refreshed after an hour, or at most once a minute when a token names an unknown key.
const cache = new Map<string, { keys: Map<string, KeyObject>; fetchedAt: number }>();
const SKEW_S = 300;

/**
 * True when `token` is an RS256 JWT signed by a key of the issuer's key set, issued to
 * `audience` by `issuer`, unexpired (5 minutes' clock skew allowed), and, when pinned, for
 * `email` with a verified address. Any doubt is false: the endpoint fails closed.
 */
export async function oidcTokenValid(
  token: string,
  expected: OidcExpectation,
  options: { now?: number; transport?: HttpTransport } = {},
): Promise<boolean> {
  const [head, body, signature, extra] = token.split(".");
  if (!head || !body || !signature || extra !== undefined) return false;
  const header = headerSchema.safeParse(decode(head));
  const claims = claimsSchema.safeParse(decode(body));
  if (!header.success || !claims.success) return false;
  const now = (options.now ?? Date.now()) / 1000;
  const c = claims.data;
  const audiences = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (
    c.iss !== expected.issuer &&
    !(expected.issuer === "https://accounts.google.com" && c.iss === "accounts.google.com")
  )
    return false;
  if (!audiences.includes(expected.audience) || c.exp + SKEW_S < now || c.iat - SKEW_S > now) return false;
  if (expected.email !== undefined && (c.email !== expected.email || c.email_verified !== true)) return false;
  const key = await keyFor(expected.jwksUrl, header.data.kid, now, options.transport ?? undiciTransport());
  return (
    key !== undefined && verify("RSA-SHA256", Buffer.from(`${head}.${body}`), key, Buffer.from(signature, "base64url"))
  );
}

function decode(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch (error) {
    return { malformed: String(error) };
  }
}

async function keyFor(url: string, kid: string, now: number, transport: HttpTransport): Promise<KeyObject | undefined> {
  const cached = cache.get(url);
  const age = cached ? now - cached.fetchedAt : Infinity;
  if (cached && age < 3600 && (cached.keys.has(kid) || age < 60)) return cached.keys.get(kid);
  const response = await transport({ method: "GET", url, headers: { accept: "application/json" } });
  if (response.status !== 200) return cached?.keys.get(kid);
  const parsed = jwksSchema.safeParse(JSON.parse(await response.text()));
  if (!parsed.success) return cached?.keys.get(kid);
  const keys = new Map(parsed.data.keys.map((k) => [k.kid, createPublicKey({ key: k as JsonWebKey, format: "jwk" })]));
  cache.set(url, { keys, fetchedAt: now });
  return keys.get(kid);
}
