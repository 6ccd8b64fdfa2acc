/** An open pull (merge) request as a git host's list API gives it: what a pullRequests generator needs. */
export interface HostedRequest {
  readonly number: number;
  /** The source branch. */
  readonly branch: string;
  /** Its head commit. */
  readonly sha: string;
  readonly labels: readonly string[];
}
