import { describe, expect, it } from "vitest";
import { ecrCredentials, type EcrTokenFetcher } from "../../../../src/adapters/registry/ecr-credentials.ts";
import { RegistryPermanentError, RegistryTransientError } from "../../../../src/adapters/registry/registry-errors.ts";

type Answer = Awaited<ReturnType<EcrTokenFetcher>>;

/** GetAuthorizationToken as the SDK client would answer it, recording the registry ids asked for. */
function fakeEcr(answer: () => Promise<Answer>): EcrTokenFetcher & { inputs: (string | undefined)[] } {
  const inputs: (string | undefined)[] = [];
  const fetcher = (registryId: string | undefined) => {
    inputs.push(registryId);
    return answer();
  };
  return Object.assign(fetcher, { inputs });
}

const token = (expiresAt: Date): Answer => ({ authorizationToken: Buffer.from("AWS:ecr-password").toString("base64"), expiresAt });

describe("ecrCredentials", () => {
  it("turns GetAuthorizationToken into Basic credentials, asked for the configured registry, and keeps them until near expiry", async () => {
    // Prepare
    let now = Date.parse("2025-01-01T00:00:00Z");
    const client = fakeEcr(() => Promise.resolve(token(new Date(now + 12 * 3600_000))));
    const source = ecrCredentials(client, "123456789012", () => now);

    // Act
    const first = await source();
    now += 11 * 3600_000;
    await source();
    now += 55 * 60_000;
    await source();

    // Assess: renewed only once within ten minutes of expiry.
    expect(first).toEqual({ kind: "basic", username: "AWS", password: "ecr-password" });
    expect(client.inputs).toEqual(["123456789012", "123456789012"]);
  });

  it("treats throttling as transient and a denial as permanent", async () => {
    // Prepare
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    const denied = Object.assign(new Error("not authorized to perform ecr:GetAuthorizationToken"), { name: "AccessDeniedException" });

    // Act
    const a = await ecrCredentials(fakeEcr(() => Promise.reject(throttled)), undefined, Date.now)().then(() => undefined, (e: unknown) => e);
    const b = await ecrCredentials(fakeEcr(() => Promise.reject(denied)), undefined, Date.now)().then(() => undefined, (e: unknown) => e);

    // Assess
    expect(a).toBeInstanceOf(RegistryTransientError);
    expect(b).toBeInstanceOf(RegistryPermanentError);
    expect((b as Error).message).toMatch(/not authorized to perform ecr:GetAuthorizationToken/);
  });
});
