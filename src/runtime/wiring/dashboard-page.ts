import { createHash } from "node:crypto";
import { CONTENT_SECURITY_POLICY, type DashboardAssets } from "../dashboard/dashboard-assets.ts";

const STYLESHEET = '<link rel="stylesheet" href="assets/app.css">';
const SCRIPT = '<script type="module" src="assets/app.js"></script>';

const sha256 = (text: string): string => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * The page as API Gateway serves it behind a JWT authorizer on the query string. A browser opening
 * `index.html?access_token=…` cannot add a header to a script or stylesheet it then loads, so the
 * page carries both inline, allowed by their hashes in its Content-Security-Policy rather than by
 * 'unsafe-inline': the answer holds no token and no other request needs one in its URL. The
 * script moves the token to session storage and out of the address bar; the API takes it as a header.
 */
export function inlinePage(assets: DashboardAssets): { html: string; contentSecurityPolicy: string } {
  if (!assets.html.includes(STYLESHEET) || !assets.html.includes(SCRIPT)) throw new Error("the dashboard page no longer links assets/app.css and assets/app.js: update inlinePage");
  // An HTML parser ends a script or style element at the first `</script` or `</style`, whatever the JavaScript or CSS means.
  if (/<\/script/i.test(assets.js) || /<\/style/i.test(assets.css)) throw new Error("the dashboard's script or stylesheet holds a closing tag and cannot be inlined");
  const html = assets.html.replace(STYLESHEET, () => `<style>${assets.css}</style>`).replace(SCRIPT, () => `<script type="module">${assets.js}</script>`);
  const contentSecurityPolicy = CONTENT_SECURITY_POLICY
    .replace("script-src 'self'", `script-src ${sha256(assets.js)}`)
    .replace("style-src 'self'", `style-src ${sha256(assets.css)}`);
  return { html, contentSecurityPolicy };
}
