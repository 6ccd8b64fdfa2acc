import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { eksToken } from "../../../../src/adapters/kube/eks-token.ts";
import { RefreshingToken } from "../../../../src/adapters/kube/refreshing-token.ts";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session/token+=" };
const at = new Date("2026-11-21T21:31:14Z");

const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** SigV4 query-string signature computed from the specification, independently of the signer under test. */
function expectedSignature(url: URL, clusterName: string): string {
  const params = [...url.searchParams.entries()].filter(([k]) => k !== "X-Amz-Signature").sort(([a], [b]) => (a < b ? -1 : 1));
  const canonicalQuery = params.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&");
  const canonicalRequest = ["GET", "/", canonicalQuery, `host:${url.host}`, `x-k8s-aws-id:${clusterName}`, "", "host;x-k8s-aws-id", sha256("")].join("\n");
  const date = url.searchParams.get("X-Amz-Date") ?? "";
  const scope = `${date.slice(0, 8)}/us-west-2/sts/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, sha256(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${credentials.secretAccessKey}`, date.slice(0, 8));
  for (const part of ["us-west-2", "sts", "aws4_request"]) key = hmac(key, part);
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

describe("eksToken", () => {
  it("is k8s-aws-v1. and an unpadded base64url presigned STS GetCallerIdentity URL, signed for the cluster", async () => {
    // Act
    const { token, expiresAt } = await eksToken({ clusterName: "prod-eu", region: "us-west-2", credentials, now: () => at });

    // Assess: shape
    expect(token).toMatch(/^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    const url = new URL(Buffer.from(token.slice("k8s-aws-v1.".length), "base64url").toString("utf8"));
    expect(url.origin).toBe("https://sts.us-west-2.amazonaws.com");
    expect(url.pathname).toBe("/");
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      Action: "GetCallerIdentity",
      Version: "2011-06-15",
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Credential": "AKIDEXAMPLE/20261121/us-west-2/sts/aws4_request",
      "X-Amz-Date": "20261121T213114Z",
      "X-Amz-Expires": "60",
      "X-Amz-SignedHeaders": "host;x-k8s-aws-id",
      "X-Amz-Security-Token": "session/token+=",
    });
    // Assess: the signature is the one the specification gives for these inputs.
    expect(q["X-Amz-Signature"]).toBe(expectedSignature(url, "prod-eu"));
    expect(expiresAt.toISOString()).toBe("2026-11-21T21:46:14.000Z");
  });

  it("signs a different cluster name differently", async () => {
    const a = await eksToken({ clusterName: "a", region: "us-west-2", credentials, now: () => at });
    const b = await eksToken({ clusterName: "b", region: "us-west-2", credentials, now: () => at });
    expect(a.token).not.toBe(b.token);
  });
});

describe("RefreshingToken", () => {
  it("reuses a token until five minutes before it expires, then fetches a new one", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    let fetched = 0;
    const token = new RefreshingToken(async () => ({ token: `t${++fetched}`, expiresAt: new Date(now.getTime() + 15 * 60_000) }), () => now);

    expect(await token.get()).toBe("t1");
    now = new Date("2026-01-01T00:09:59Z");
    expect(await token.get()).toBe("t1");
    now = new Date("2026-01-01T00:10:01Z");
    expect(await token.get()).toBe("t2");
  });

  it("tries again after a failed fetch", async () => {
    let fail = true;
    const token = new RefreshingToken(async () => {
      if (fail) throw new Error("sts down");
      return { token: "ok", expiresAt: new Date(Date.now() + 60 * 60_000) };
    });
    await expect(token.get()).rejects.toThrow("sts down");
    fail = false;
    expect(await token.get()).toBe("ok");
  });
});
