import type { GitAuth } from "../../adapters/git/git-workspace.ts";
import { callEndpoint, SWEEP_TIMEOUTS, type Called, type SweepContext } from "./sweep-context.ts";

/**
 * A sweep's branch heads: a repository with several followed branches (review apps, one per
 * branch) is asked once for every branch's head, from one ref advertisement, so the requests
 * grow with repositories, not with the apps generated on their branches. A repository with one
 * followed branch, or remotes that answer one head at a time, get the one-branch query.
 */
export class BranchHeads {
  private readonly shared = new Map<string, Promise<Called<ReadonlyMap<string, string>>>>();

  constructor(private readonly ctx: SweepContext, private readonly branchesPerRepo: ReadonlyMap<string, number>) {}

  async of(repo: string, branch: string, auth: GitAuth | undefined, endpoint: string): Promise<Called<string | undefined>> {
    const { git } = this.ctx.deps;
    const headsOf = git.headsOf?.bind(git);
    if (!headsOf || (this.branchesPerRepo.get(repo) ?? 0) < 2) {
      const one = await callEndpoint(this.ctx, endpoint, `head of ${branch} in ${repo}`, SWEEP_TIMEOUTS.head, () => git.headOf(repo, branch, auth));
      if (one.ok) this.ctx.findings.counts.gitHeads++;
      return one;
    }
    let all = this.shared.get(repo);
    if (!all) {
      all = callEndpoint(this.ctx, endpoint, `branch heads of ${repo}`, SWEEP_TIMEOUTS.head, () => headsOf(repo, auth)).then((heads) => {
        if (heads.ok) this.ctx.findings.counts.gitHeads++;
        return heads;
      });
      this.shared.set(repo, all);
    }
    const heads = await all;
    return heads.ok ? { ok: true, value: heads.value.get(branch) } : heads;
  }
}
