import type { DashboardAssets } from "../dashboard/dashboard-assets.ts";

/** A JWT in compact form: base64url header, payload and signature, nothing that could leave an attribute. */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The page as API Gateway serves it behind a JWT authorizer on the query string: a browser opening
 * `index.html?access_token=…` cannot add a header to the script and stylesheet it then loads, so
 * their URLs carry the caller's own token (which the authorizer just accepted). The page's script
 * moves it to session storage and out of the address bar at once; the API takes it as a header.
 */
export function pageFor(assets: DashboardAssets, token: string | undefined): string {
  if (token === undefined || !COMPACT_JWT.test(token)) return assets.html;
  const withToken = (asset: string) => `${asset}?access_token=${token}`;
  const html = assets.html.replace('href="assets/app.css"', `href="${withToken("assets/app.css")}"`).replace('src="assets/app.js"', `src="${withToken("assets/app.js")}"`);
  if (!html.includes(withToken("assets/app.js"))) throw new Error("the dashboard page no longer links assets/app.js: update pageFor");
  return html;
}
