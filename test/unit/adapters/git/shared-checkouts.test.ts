import { describe, expect, it } from "vitest";
import { SharedCheckouts } from "../../../../src/adapters/git/shared-checkouts.ts";
import { FakeGit } from "../../jobs/sweep/sweep-fakes.ts";

const URL = "https://git.example.com/charts.git";
const R1 = "1".repeat(40);
const R2 = "2".repeat(40);

describe("SharedCheckouts", () => {
  it("gives jobs reading the same head one checkout, and a new one when the head moves", async () => {
    // Prepare
    const git = new FakeGit();
    git.heads.set(`${URL}#main`, R1);
    git.trees.set(R1, { "a.yaml": "one\n" });
    git.trees.set(R2, { "a.yaml": "two\n" });
    const shared = new SharedCheckouts(git);

    // Act
    const [a, b] = await Promise.all([shared.checkout(URL, "main"), shared.checkout(URL, "main")]);
    const c = await shared.checkout(URL, "main", undefined, { revision: R1 });
    git.heads.set(`${URL}#main`, R2);
    const d = await shared.checkout(URL, "main");

    // Assess
    expect(git.checkouts).toEqual([`${URL}#${R1}`, `${URL}#${R2}`]);
    expect(new Set([a?.dir, b?.dir, c.dir]).size).toBe(1);
    expect(await d.head()).toBe(R2);
  });

  it("hands out read-only workspaces and removes checkouts beyond the ones it keeps once unused", async () => {
    const git = new FakeGit();
    const shared = new SharedCheckouts(git, 1);
    for (const r of [R1, R2]) git.trees.set(r, { "a.yaml": r });
    git.heads.set(`${URL}#main`, R1);
    const first = await shared.checkout(URL, "main");
    git.heads.set(`${URL}#main`, R2);
    const second = await shared.checkout(URL, "main");

    await expect(first.writeFile("a.yaml", "x")).rejects.toThrow(/read-only/);
    await first.dispose();
    await second.dispose();
    await shared.checkout(URL, "main", undefined, { revision: R1 });

    expect(git.checkouts).toEqual([`${URL}#${R1}`, `${URL}#${R2}`, `${URL}#${R1}`]);
  });

  it("does not keep a checkout that failed", async () => {
    const git = new FakeGit();
    const shared = new SharedCheckouts(git);
    git.heads.set(`${URL}#main`, R1);
    let fail = true;
    const inner = git.checkout.bind(git);
    git.checkout = (...args) => (fail ? Promise.reject(new Error("clone failed")) : inner(...args));

    await expect(shared.checkout(URL, "main")).rejects.toThrow("clone failed");
    fail = false;
    const ok = await shared.checkout(URL, "main");

    expect(await ok.head()).toBe(R1);
  });
});
