import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { notificationBodyJsonSchema } from "../../../../src/core/notify/notification-body.ts";

describe("the signed webhook's documented JSON schema", () => {
  it("src/core/notify/notification-webhook.schema.json is the schema the sender's body follows", async () => {
    const documented: unknown = JSON.parse(await readFile(new URL("../../../../src/core/notify/notification-webhook.schema.json", import.meta.url), "utf8"));

    expect(documented).toEqual(notificationBodyJsonSchema());
  });
});
