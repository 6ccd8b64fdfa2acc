import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { leftoverCheckouts, removeLeftoverCheckouts } from "../../../../src/adapters/git/leftover-checkouts.ts";

describe("leftoverCheckouts", () => {
  let root: string;
  // A process that ran and was reaped: its id names no running process.
  const deadPid = spawnSync("true").pid;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "sluice-leftovers-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("finds a dead process's checkouts, this process's unheld ones and unowned ones, keeping the rest", async () => {
    // Prepare
    const names = [
      `sluice-git-${deadPid}-aaaaaa`,
      `sluice-git-${process.pid}-held00`,
      `sluice-git-${process.pid}-gone00`,
      `sluice-git-${process.ppid}-parent`,
      "sluice-git-Ab12Cd",
      "other-folder",
    ];
    for (const name of names) await mkdir(join(root, name));
    const held = new Set([join(root, `sluice-git-${process.pid}-held00`)]);

    // Act
    const removed = await removeLeftoverCheckouts(root, held);

    // Assess
    expect(removed).toBe(3);
    expect((await readdir(root)).sort()).toEqual([`sluice-git-${process.pid}-held00`, `sluice-git-${process.ppid}-parent`, "other-folder"].sort());
  });

  it("finds nothing in a work folder that does not exist yet", async () => {
    // Act
    const found = await leftoverCheckouts(join(root, "missing"), new Set());

    // Assess
    expect(found).toEqual([]);
  });
});
