import { retryForStatus } from "../../core/errors/retry-for-status.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import type { HttpResponse, HttpTransport } from "../http/http-transport.ts";
import { retryAfterMs } from "../http/retry-after.ts";
import { ChangeRequestError } from "./change-requests.ts";
import { HostRateLimits } from "./host-rate-limits.ts";
import { nextLink } from "./next-link.ts";

/** A page read before, kept to ask again with `If-None-Match`. */
interface Kept {
  readonly etag: string;
  readonly items: readonly unknown[];
  readonly next: string | undefined;
}

/** At most this many pages of one list: 5,000 open requests at 100 a page is more than any review setup has. */
const MAX_PAGES = 50;

/**
 * Every page of a git host's list endpoint, following `Link: rel="next"`. Each page is asked with the
 * ETag it had last time, so an unchanged list costs 304s (which GitHub does not count against the rate
 * limit); every request first checks the host's limit, and an answer that spends it stops the read.
 */
export class ConditionalPages {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly http: HttpTransport,
    readonly limits: HostRateLimits = new HostRateLimits(),
  ) {}

  async all(url: string, headers: Readonly<Record<string, string>>, what: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = url;
    for (let page = 0; next !== undefined; page++) {
      if (page === MAX_PAGES) throw new ChangeRequestError(`${what}: more than ${MAX_PAGES} pages`, { endpoint: new URL(url).host, retry: "never" });
      const read = await this.page(next, headers, what);
      items.push(...read.items);
      next = read.next;
    }
    return items;
  }

  private async page(url: string, headers: Readonly<Record<string, string>>, what: string): Promise<{ items: readonly unknown[]; next: string | undefined }> {
    const endpoint = new URL(url).host;
    this.limits.check(endpoint, what);
    const kept = this.kept.get(url);
    let res: HttpResponse;
    try {
      res = await this.http({ method: "GET", url, headers: { ...headers, ...(kept ? { "if-none-match": kept.etag } : {}) } });
    } catch (error) {
      throw new ChangeRequestError(`${what}: ${error instanceof Error ? error.message : String(error)}`, { endpoint, retry: retryOf(error), cause: error });
    }
    const body = await res.text();
    const wait = this.limits.observe(endpoint, res);
    if (wait !== undefined) throw new ChangeRequestError(`${what}: ${res.status}, rate limited: ${body.slice(0, 200)}`, { endpoint, retry: { afterMs: wait } });
    // A 304 may leave out the Link header: the pages after it are the ones the kept page named.
    if (res.status === 304 && kept) return kept;
    if (res.status < 200 || res.status >= 300) {
      throw new ChangeRequestError(`${what}: ${res.status} ${body.slice(0, 300)}`, { endpoint, retry: retryForStatus(res.status, retryAfterMs(res.header("retry-after"), Date.now())) });
    }
    const items = parseArray(body, what, endpoint);
    const next = nextLink(res.header("link"));
    const etag = res.header("etag");
    if (etag) this.kept.set(url, { etag, items, next });
    return { items, next };
  }
}

function parseArray(body: string, what: string, endpoint: string): unknown[] {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    throw new ChangeRequestError(`${what}: the answer is not JSON`, { endpoint, retry: "never", cause: error });
  }
  if (!Array.isArray(raw)) throw new ChangeRequestError(`${what}: the answer is not a list`, { endpoint, retry: "never" });
  return raw;
}
