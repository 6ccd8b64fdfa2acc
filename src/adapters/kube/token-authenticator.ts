import type { KubeConfig } from "@kubernetes/client-node";
import type { RefreshingToken } from "./refreshing-token.ts";

type Authenticator = Parameters<KubeConfig["addAuthenticator"]>[0];

/** Name of the auth provider whose requests carry a token Sluice fetches and refreshes itself. */
export const SLUICE_TOKEN_PROVIDER = "sluice-token";

/** Puts a fresh bearer token on every request of a user whose auth provider is Sluice's. */
export function tokenAuthenticator(token: RefreshingToken): Authenticator {
  return {
    isAuthProvider: (user) => (user.authProvider as { name?: unknown } | undefined)?.name === SLUICE_TOKEN_PROVIDER,
    applyAuthentication: async (_user, opts) => {
      opts.headers = { ...opts.headers, Authorization: `Bearer ${await token.get()}` };
    },
  };
}
