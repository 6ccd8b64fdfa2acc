import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { notificationsConfigSchema } from "../../../../src/core/config/notifications-config.ts";
import { DEFAULT_TRIGGERS } from "../../../../src/core/notify/notification.ts";

describe("notifications config", () => {
  it("reads providers with secret references, and gives a subscription the default triggers", () => {
    const config = notificationsConfigSchema.parse({
      providers: [
        { name: "team", type: "slack", url: { ssm: "/sluice/slack" } },
        { name: "gh", type: "github", token: { env: "GITHUB_TOKEN" } },
        { name: "audit", type: "webhook", url: "https://hooks.example.com/sluice", secrets: [{ env: "HOOK_KEY" }], format: "cloudevents" },
      ],
      subscriptions: [{ providers: ["team", "gh"], appSets: ["review"] }],
    });

    expect(config.subscriptions[0]?.triggers).toEqual(DEFAULT_TRIGGERS);
    expect(config.providers[1]).toMatchObject({ apiUrl: "https://api.github.com", statuses: true, deployments: true });
    expect(config.attempts).toBe(3);
  });

  it("lists every problem with its path: an inline secret, an unknown trigger, an unknown and a duplicate provider", () => {
    const result = configSchema.safeParse({
      notifications: {
        providers: [
          { name: "team", type: "slack", url: "https://hooks.slack.com/services/T/B/secret" },
          { name: "team", type: "teams", url: { env: "TEAMS" } },
        ],
        subscriptions: [{ providers: ["nobody"], triggers: ["on-everything"] }],
      },
    });

    expect(result.success).toBe(false);
    const problems = result.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(problems).toEqual(expect.arrayContaining([
      "notifications.providers.0.url", "notifications.subscriptions.0.triggers.0",
    ]));
  });

  it("names unknown and duplicate providers once the rest is valid", () => {
    const result = notificationsConfigSchema.safeParse({
      providers: [{ name: "team", type: "slack", url: { env: "A" } }, { name: "team", type: "teams", url: { env: "B" } }],
      subscriptions: [{ providers: ["team", "nobody"] }],
    });

    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["providers.1.name", "duplicate provider \"team\""],
      ["subscriptions.0.providers.1", "no provider named \"nobody\""],
    ]);
  });
});
