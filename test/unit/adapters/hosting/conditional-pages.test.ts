import { describe, expect, it } from "vitest";
import { ConditionalPages } from "../../../../src/adapters/hosting/conditional-pages.ts";
import { HostRateLimits } from "../../../../src/adapters/hosting/host-rate-limits.ts";
import type { HttpRequest, HttpTransport } from "../../../../src/adapters/http/http-transport.ts";

type Answer = { status: number; headers?: Record<string, string>; body?: string };

/** A transport answering from a script, keeping every request. */
function http(answer: (req: HttpRequest) => Answer): HttpTransport & { seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  const fn: HttpTransport = async (req) => {
    seen.push(req);
    const a = answer(req);
    return { status: a.status, url: req.url, header: (name) => a.headers?.[name], text: async () => a.body ?? "" };
  };
  return Object.assign(fn, { seen });
}

const URL = "https://api.github.com/repos/fe/charts/pulls?state=open&per_page=100";

describe("ConditionalPages", () => {
  it("asks a limited host again only once the reset it named has passed", async () => {
    // Prepare: a clock the test moves; the host's limit spent until t = 1,000 s
    let now = 400_000;
    let spent = true;
    const host = http((): Answer => (spent
      ? { status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000" }, body: "{\"message\":\"API rate limit exceeded\"}" }
      : { status: 200, headers: { "x-ratelimit-remaining": "4999" }, body: "[{\"number\":1}]" }));
    const pages = new ConditionalPages(host, new HostRateLimits(() => now));

    // Act
    const refused = await pages.all(URL, {}, "pulls").catch((e: unknown) => e);
    now = 999_000;
    const early = await pages.all(URL, {}, "pulls").catch((e: unknown) => e);
    spent = false;
    now = 1_000_001;
    const later = await pages.all(URL, {}, "pulls");

    // Assess
    expect(refused).toMatchObject({ name: "ChangeRequestError", retry: { afterMs: 600_000 } });
    expect(early).toMatchObject({ name: "ChangeRequestError", retry: { afterMs: 1_000 }, message: expect.stringContaining("not asked") });
    expect(later).toEqual([{ number: 1 }]);
    expect(host.seen).toHaveLength(2);
  });

  it("stops asking once an answer says no request is left, though that answer is used", async () => {
    let now = 0;
    const host = http(() => ({ status: 200, headers: { "ratelimit-remaining": "0", "ratelimit-reset": "60" }, body: "[]" }));
    const pages = new ConditionalPages(host, new HostRateLimits(() => now));

    const first = await pages.all(URL, {}, "merge requests");
    const second = await pages.all(URL, {}, "merge requests").catch((e: unknown) => e);
    now = 60_000;
    const third = await pages.all(URL, {}, "merge requests");

    expect(first).toEqual([]);
    expect(second).toMatchObject({ retry: { afterMs: 60_000 } });
    expect(third).toEqual([]);
    expect(host.seen).toHaveLength(2);
  });
});
