/** One request to the dashboard's API, whichever server carried it. */
export interface ApiRequest {
  readonly method: string;
  /** Path below the API's root, `/api/...`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: string;
  /** The transport decided the caller may act (a valid token locally, the JWT authorizer on AWS). */
  readonly mayAct: boolean;
  /** Who acted, for delivery ids: `dashboard`, `cli`. */
  readonly via: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}
