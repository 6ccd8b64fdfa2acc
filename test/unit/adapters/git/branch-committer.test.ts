import { describe, expect, it } from "vitest";
import { BranchCommitter, type Change, type Landed } from "../../../../src/adapters/git/branch-committer.ts";
import { NonFastForwardError, PushRefusedError } from "../../../../src/adapters/git/git-errors.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { commitMessage } from "../../../../src/engine/writeback/commit-message.ts";
import { commitConfigSchema } from "../../../../src/core/config/commit-config.ts";
import { FakeGitRemotes, refuse } from "./fake-git-remotes.ts";

const target = { url: "https://git.example/charts.git", branch: "main" };

function committer(git: FakeGitRemotes, maxPushAttempts = 5) {
  return new BranchCommitter({
    git,
    author: { name: "sluice", email: "sluice@example.com" },
    message: (applied) => commitMessage(commitConfigSchema.parse(undefined), applied),
    maxPushAttempts,
    gatherMs: 0,
    sleep: () => Promise.resolve(),
    random: () => 0.5,
    logger: silentLogger,
  });
}

/** Sets `file` to `value` unless it already holds it; reads the branch each time it runs. */
function setValue(file: string, value: string, delivery: string): Change<string> & { runs: number } {
  const change = {
    runs: 0,
    async apply(files: Parameters<Change<string>["apply"]>[0]) {
      change.runs += 1;
      const before = await files.readFile(file);
      if (before === value) return { value: "unchanged" };
      await files.writeFile(file, value);
      return { applied: { files: [file], line: `[skip ci] sluice: ${file} ${before} -> ${value}`, trailers: [`Sluice-Delivery: ${delivery}`] }, value: "committed" };
    },
  };
  return change;
}

/** What a submitter keeps of its landed change, the checkout released. */
async function settle<T>(landing: Promise<Landed<T>>): Promise<{ value: T; commit: string | undefined }> {
  const landed = await landing;
  await landed.release();
  return { value: landed.value, commit: landed.commit };
}

describe("BranchCommitter", () => {
  it("puts changes that arrive together into one commit with every line and trailer", async () => {
    // Prepare
    const git = new FakeGitRemotes({ a: "1", b: "1", c: "1" });
    const c = committer(git);

    // Act
    const results = await Promise.all(["a", "b", "c"].map((f, i) => settle(c.submit(target, setValue(f, "2", `d${i}`)))));

    // Assess
    const [head, initial] = git.log();
    expect(git.log()).toHaveLength(2);
    expect(initial?.id).toBe("c0");
    expect(git.opened).toBe(1);
    expect(head?.files).toEqual({ a: "2", b: "2", c: "2" });
    expect(head?.message).toBe("[skip ci] sluice: 3 image updates\n\n- [skip ci] sluice: a 1 -> 2\n- [skip ci] sluice: b 1 -> 2\n- [skip ci] sluice: c 1 -> 2\n\nSluice-Delivery: d0\nSluice-Delivery: d1\nSluice-Delivery: d2\n");
    expect(results.map((r) => r.commit)).toEqual([head?.id, head?.id, head?.id]);
  });

  it("after a lost race, fetches the new head, applies the changes again and pushes on top of it", async () => {
    // Prepare: another writer commits to the branch just before our first push.
    const git = new FakeGitRemotes({ a: "1", other: "x" });
    let raced = false;
    git.beforePush = () => {
      if (!raced) git.commitAs("main", "human edit", { other: "y" });
      raced = true;
    };
    const change = setValue("a", "2", "d1");

    // Act
    await settle(committer(git).submit(target, change));

    // Assess: no lost update, linear history, the change applied twice, one branch opened and fetched twice.
    expect(git.log().map((c) => c.message.split("\n")[0])).toEqual(["[skip ci] sluice: a 1 -> 2", "human edit", "initial"]);
    expect(git.tip("main").files).toEqual({ a: "2", other: "y" });
    expect(change.runs).toBe(2);
    expect([git.opened, git.fetches]).toEqual([1, 2]);
  });

  it("re-decides on the new head: a value someone else set meanwhile is not committed again", async () => {
    // Prepare
    const git = new FakeGitRemotes({ a: "1" });
    git.beforePush = () => {
      if (git.log().length === 1) git.commitAs("main", "same bump by another worker", { a: "2" });
    };

    // Act
    const outcome = await settle(committer(git).submit(target, setValue("a", "2", "d1")));

    // Assess
    expect(outcome).toEqual({ value: "unchanged", commit: undefined });
    expect(git.log()).toHaveLength(2);
  });

  it("gives a race it keeps losing back to the queue after the bounded attempts", async () => {
    // Prepare
    const git = new FakeGitRemotes({ a: "1" });
    let n = 0;
    git.beforePush = () => git.commitAs("main", `edit ${n++}`, { other: String(n) });

    // Act
    const error = await settle(committer(git, 3).submit(target, setValue("a", "2", "d1"))).then(() => undefined, (e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(NonFastForwardError);
    expect(git.pushes).toBe(3);
  });

  it("fails every change of a refused round at once, without retrying", async () => {
    // Prepare
    const git = new FakeGitRemotes({ a: "1", b: "1" });
    git.beforePush = () => refuse("pre-receive hook declined: image bumps need review");
    const c = committer(git);

    // Act
    const outcomes = await Promise.allSettled(["a", "b"].map((f) => settle(c.submit(target, setValue(f, "2", f)))));

    // Assess
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect(outcomes.map((o) => (o.status === "rejected" ? o.reason : undefined))).toEqual([expect.any(PushRefusedError), expect.any(PushRefusedError)]);
    expect(git.pushes).toBe(1);
  });

  it("lets one change that cannot be made fail alone", async () => {
    // Prepare
    const git = new FakeGitRemotes({ a: "1" });
    const c = committer(git);
    const broken: Change<string> = { apply: () => Promise.reject(new Error("a refused write")) };

    // Act
    const [bad, good] = await Promise.allSettled([settle(c.submit(target, broken)), settle(c.submit(target, setValue("a", "2", "d"))).then((l) => l.value)]);

    // Assess
    expect(bad).toMatchObject({ status: "rejected", reason: new Error("a refused write") });
    expect(good).toEqual({ status: "fulfilled", value: "committed" });
    expect(git.tip("main").files).toEqual({ a: "2" });
  });

  it("pushes to another branch, created from the tracked one, when asked", async () => {
    // Prepare
    const git = new FakeGitRemotes({ a: "1" });

    // Act
    await settle(committer(git).submit({ ...target, pushTo: "sluice/web/app-2" }, setValue("a", "2", "d")));

    // Assess
    expect(git.tip("main").id).toBe("c0");
    expect(git.tip("sluice/web/app-2").files).toEqual({ a: "2" });
  });

  it("hands every change of a round the pushed checkout, removed once the last of them releases it", async () => {
    // Prepare
    const git = new FakeGitRemotes({ a: "1", b: "1" });
    const c = committer(git);

    // Act
    const [first, second] = await Promise.all([c.submit(target, setValue("a", "2", "d1")), c.submit(target, setValue("b", "2", "d2"))]);
    await first.release();
    await first.release();
    const afterFirst = git.disposed;
    await second.release();

    // Assess
    expect(first.workspace).toBe(second.workspace);
    expect(await first.workspace.head()).toBe(git.tip("main").id);
    expect([afterFirst, git.disposed]).toEqual([0, 1]);
  });
});
