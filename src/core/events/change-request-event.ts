/** What happened to a pull (merge) request, in the words every git host's events map onto. */
export type ChangeRequestAction = "opened" | "updated" | "closed" | "merged";

/** A pull request (GitHub, Gitea) or merge request (GitLab) opened, given new commits or labels, closed or merged. */
export interface ChangeRequestEvent {
  kind: "change-request";
  provider: string;
  eventId: string;
  /** Every URL the sender gives for the repository the request is on, as sent. */
  repositoryUrls: string[];
  /** The same URLs normalised: what a pullRequests generator's `repoKey` is compared with. */
  repositoryKeys: string[];
  number: number;
  action: ChangeRequestAction;
  /** The request's source branch. */
  branch: string;
  /** The head commit of the source branch. */
  sha: string;
  labels: string[];
}
