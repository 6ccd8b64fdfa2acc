/** The dashboard's static front end: one page, one script, one stylesheet. */
export interface DashboardAssets {
  readonly html: string;
  readonly js: string;
  readonly css: string;
}

/** Same-origin scripts and styles only, no inline code, no frames, no forms posting elsewhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join("; ");

/** The asset a path names, with its type; undefined for any other path. */
export function assetFor(assets: DashboardAssets, path: string): { type: string; body: string } | undefined {
  if (path === "/" || path === "/index.html") return { type: "text/html; charset=utf-8", body: assets.html };
  if (path === "/assets/app.js") return { type: "text/javascript; charset=utf-8", body: assets.js };
  if (path === "/assets/app.css") return { type: "text/css; charset=utf-8", body: assets.css };
  return undefined;
}

/** Headers every dashboard answer carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};
