/**
 * Normalises a git repository URL so that every spelling of one repository compares equal:
 * scheme, user info, `.git`, trailing slashes and case are dropped, so are default ports;
 * scp-style `git@host:owner/repo` is read as ssh. Ssh ports are dropped as well, since the
 * same repository is served over https on another port.
 */
export function normalizeGitUrl(url: string): string {
  const known = memo.get(url);
  if (known !== undefined) return known;
  const key = normalize(url);
  if (url.length <= MEMO_URL_LENGTH) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(url, key);
  }
  return key;
}

// Every push names its repository in four spellings, and deliveries name the same few repositories over
// and over: each spelling is worked out once. Bounded in count and length, so no sender can grow it.
const MEMO_SIZE = 1024;
const MEMO_URL_LENGTH = 512;
const memo = new Map<string, string>();

function normalize(url: string): string {
  const text = url.trim();
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(?!\d+\/)(.+)$/.exec(text);
  let host: string;
  let path: string;
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    host = scp[1] ?? "";
    path = scp[2] ?? "";
  } else {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      // Not a URL: compare it as written, so it can only ever equal the same spelling.
      return text.toLowerCase();
    }
    const scheme = parsed.protocol.replace(/:$/, "").toLowerCase();
    const keepPort = parsed.port !== "" && (scheme === "http" || scheme === "https");
    host = `${parsed.hostname}${keepPort ? `:${parsed.port}` : ""}`;
    path = decodeURIComponent(parsed.pathname);
  }
  path = path.replace(/\/+$/, "").replace(/\.git$/i, "").replace(/^\/+/, "");
  return `${host}/${path}`.toLowerCase();
}
