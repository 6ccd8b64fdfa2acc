// fast-check arbitraries for webhook bodies: random bytes, random JSON, and the vendors'
// fixtures with one value anywhere in them replaced, which reaches deep into each parser.
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { fixture } from "./intake-test-deps.ts";

const root = new URL("../../../fixtures/webhooks/", import.meta.url);
export const FIXTURES: string[] = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(new URL(`${d.name}/`, root)).filter((f) => f.endsWith(".json") && !f.endsWith(".headers.json")).map((f) => `${d.name}/${f}`));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const own = [prefix];
  if (Array.isArray(value)) return own.concat(value.flatMap((v, i) => paths(v, [...prefix, i])));
  if (value !== null && typeof value === "object") return own.concat(Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k])));
  return own;
}

function replaced(value: Json, path: (string | number)[], next: Json): Json {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaced(v, rest, next) : v));
  if (value !== null && typeof value === "object" && typeof head === "string") return { ...value, [head]: replaced(value[head] ?? null, rest, next) };
  return value;
}

/** A vendor fixture with the value at one random place replaced by random JSON. */
export const mutatedFixture: fc.Arbitrary<Buffer> = fc
  .tuple(fc.constantFrom(...FIXTURES), fc.nat(), fc.jsonValue({ maxDepth: 2 }))
  .map(([name, n, next]) => {
    const json = JSON.parse(fixture(name).toString("utf8")) as Json;
    const all = paths(json);
    return Buffer.from(JSON.stringify(replaced(json, all[n % all.length] ?? [], next as Json)));
  });

export const anyBody: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? "null")),
  fc.constantFrom(...FIXTURES).map(fixture),
  mutatedFixture,
);
