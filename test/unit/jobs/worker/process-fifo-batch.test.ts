import { describe, expect, it } from "vitest";
import { processFifoBatch } from "../../../../src/jobs/worker/process-fifo-batch.ts";

describe("processFifoBatch", () => {
  it("runs groups side by side and each group in order", async () => {
    // Prepare: group a's first message is slow; b must not wait for it, a2 must.
    const events: string[] = [];
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const handle = async (m: { id: string }) => {
      events.push(`start ${m.id}`);
      if (m.id === "a1") await gate;
      if (m.id === "b1") open();
      events.push(`end ${m.id}`);
    };

    // Act
    const failed = await processFifoBatch([{ id: "a1", body: "", groupId: "a" }, { id: "a2", body: "", groupId: "a" }, { id: "b1", body: "", groupId: "b" }], handle);

    // Assess
    expect(failed).toEqual([]);
    expect(events).toEqual(["start a1", "start b1", "end b1", "end a1", "start a2", "end a2"]);
  });

  it("fails a message and its group's later ones without running them, leaving other groups alone", async () => {
    // Prepare
    const ran: string[] = [];
    const handle = async (m: { id: string }) => {
      ran.push(m.id);
      if (m.id === "a2") throw new Error("retry later");
    };

    // Act
    const failed = await processFifoBatch([
      { id: "a1", body: "", groupId: "a" }, { id: "a2", body: "", groupId: "a" }, { id: "b1", body: "", groupId: "b" }, { id: "a3", body: "", groupId: "a" }, { id: "n1", body: "" },
    ], handle);

    // Assess
    expect(failed).toEqual(["a2", "a3"]);
    expect(ran.sort()).toEqual(["a1", "a2", "b1", "n1"]);
  });
});
