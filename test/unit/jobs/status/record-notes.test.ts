import { describe, expect, it } from "vitest";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import { recordNotes } from "../../../../src/jobs/status/record-notes.ts";

const REV = "c".repeat(40);
const base: AppRecord = { app: "shop", revision: "b".repeat(40), images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: [], history: [] };

describe("recordNotes", () => {
  it("shows a render failure the sync message does not already say", () => {
    const renderError = { revision: REV, message: "app/cm.yaml:4: Flow map must end with a }", at: "2026-01-02T03:04:05.000Z" };

    expect(recordNotes({ ...base, renderError })).toEqual(["render of cccccccccccc failed: app/cm.yaml:4: Flow map must end with a }"]);
    expect(recordNotes({ ...base, renderError, sync: { status: "Unknown", message: `render of cccccccccccc failed: ${renderError.message}` } })).toEqual([]);
  });

  it("shows each phase of a last sync that failed, and of a sync that waits, but not of one that succeeded", () => {
    const phases = [
      { phase: "PreSync" as const, status: "Failed" as const, waves: [-1, 0], message: "Job/migrate: BackoffLimitExceeded; pod migrate-x container run: no database" },
      { phase: "SyncFail" as const, status: "Succeeded" as const, waves: [0] },
    ];
    const entry = { at: "t", revision: REV, trigger: "webhook", deliveryId: "d", result: "Failed" as const };

    expect(recordNotes({ ...base, history: [{ ...entry, phases }] })).toEqual([
      "phases: PreSync Failed (waves -1, 0): Job/migrate: BackoffLimitExceeded; pod migrate-x container run: no database; SyncFail Succeeded",
    ]);
    const waiting = { revision: REV, trigger: "webhook", deliveryId: "d", startedAt: "t", step: 1, since: 0, hooks: [], phases: [{ phase: "Sync" as const, status: "Running" as const, waves: [0, 1], message: "Deployment/shop/web: 0 of 2 ready" }] };
    expect(recordNotes({ ...base, syncWait: waiting })).toEqual(["phases: Sync Running (waves 0, 1): Deployment/shop/web: 0 of 2 ready"]);
    expect(recordNotes({ ...base, history: [{ ...entry, result: "Succeeded", phases: [{ phase: "PreSync", status: "Succeeded", waves: [0] }] }] })).toEqual([]);
  });

  it("shows each hold: a rolled-back image, or a chart version that cannot be written back", () => {
    const holds = [
      { repository: "ghcr.io/acme/web", tag: "1.0.0", from: "1.1.0", message: "holding ghcr.io/acme/web at 1.0.0: rolled back to cccccccccccc from 1.1.0" },
      { repository: "https://charts.example.com/ingress", tag: "1.0.0", from: "1.1.0", message: "chart ingress 1.1.0 is allowed by ^1.0.0 but not written: shop is defined inline" },
    ];

    expect(recordNotes({ ...base, holds })).toEqual([
      "hold: holding ghcr.io/acme/web at 1.0.0: rolled back to cccccccccccc from 1.1.0",
      "hold: chart ingress 1.1.0 is allowed by ^1.0.0 but not written: shop is defined inline",
    ]);
    expect(recordNotes({ ...base, holds: [] })).toEqual([]);
  });
});
