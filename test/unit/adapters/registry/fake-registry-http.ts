import type { HttpRequest, HttpResponse, HttpTransport } from "../../../../src/adapters/http/http-transport.ts";

export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** An HttpTransport that answers from a function and records every request. */
export function fakeRegistryHttp(answer: (request: HttpRequest, n: number) => FakeAnswer): HttpTransport & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  const http = async (request: HttpRequest): Promise<HttpResponse> => {
    requests.push(request);
    const a = answer(request, requests.length);
    const headers = new Map(Object.entries(a.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return { status: a.status, url: request.url, header: (name) => headers.get(name.toLowerCase()), text: () => Promise.resolve(a.body ?? "") };
  };
  return Object.assign(http, { requests });
}

/** A clock whose sleeps advance time at once, recording how long was slept. */
export function fakeClock(start = 1_000_000): { now(): number; sleep(ms: number): Promise<void>; slept: number[] } {
  let time = start;
  const slept: number[] = [];
  return {
    now: () => time,
    sleep: (ms) => {
      slept.push(ms);
      time += ms;
      return Promise.resolve();
    },
    slept,
  };
}
