import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import { destinations } from "../../../../src/runtime/wiring/destinations.ts";

const config = parseConfig(`
clusters:
  - name: down
    eks: { clusterName: down, region: eu-west-1 }
  - name: up
    eks: { clusterName: up, region: eu-west-1 }
apps:
  - { name: a, source: { repo: "https://git.example.com/c.git" }, render: { directory: {} }, destination: { cluster: down, namespace: a } }
  - { name: b, source: { repo: "https://git.example.com/c.git" }, render: { directory: {} }, destination: { cluster: up, namespace: b } }
`, "x.yaml");

describe("destinations", () => {
  it("connects each cluster on first use: one that cannot be described fails only its own calls, and is asked again", async () => {
    // Prepare
    const described: string[] = [];
    const destinationFor = destinations(config, {
      secrets: new SecretResolver({ env: {} }),
      region: "us-east-1",
      awsCredentials: async () => ({ accessKeyId: "AKID", secretAccessKey: "secret" }),
      describeEks: async (name) => {
        described.push(name);
        throw new Error(`AccessDeniedException: not authorized to describe ${name}`);
      },
    });
    const [a, b] = config.apps;
    if (!a || !b) throw new Error("config has two apps");

    // Act
    const down = destinationFor(a);
    const first = await down.readRecord("a").then(() => undefined, (e: unknown) => e);
    const second = await down.readRecord("a").then(() => undefined, (e: unknown) => e);

    // Assess: building the destinations asked nothing; each failed call asked again.
    expect(down.name).toBe("down");
    expect(destinationFor(b).name).toBe("up");
    expect(first).toBeInstanceOf(Error);
    expect(String(second)).toContain("not authorized to describe down");
    expect(described).toEqual(["down", "down"]);
  });
});
