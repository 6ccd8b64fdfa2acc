import { createHash } from "node:crypto";
import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema, type AppConfig } from "../../../../src/core/config/app-config.ts";
import { appSourceDigest, readSourceFiles, SourceSnapshot } from "../../../../src/jobs/sync/source-digest.ts";

function app(source: Record<string, unknown>, extra: Record<string, unknown> = {}): AppConfig {
  const parsed = configSchema.parse({ apps: [{ name: "web", source: { repo: "https://git.example.com/c.git", ...source }, render: { directory: {} }, destination: { directory: "/unused", namespace: "web" }, ...extra }] }).apps[0];
  if (!parsed) throw new Error("no app");
  return parsed;
}

async function checkout(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sluice-digest-"));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const snapshot = (files: Record<string, string>) => new SourceSnapshot(new Map(Object.entries(files).map(([p, c]) => [p, createHash("sha256").update(c).digest("hex")])));

const REPO = {
  "apps/web/cm.yaml": "a: 1\n",
  "apps/web/sub/x.yaml": "x\n",
  "apps/web-old/cm.yaml": "old\n",
  "apps/webb/cm.yaml": "b\n",
  "common/lib.yaml": "lib\n",
  "env/values.yaml": "tag: 1.0.0\n",
  "README.md": "hi\n",
};

describe("source digests", () => {
  it("changes when a file under the app's path changes, and not for a neighbour whose name starts the same", () => {
    const web = app({ path: "apps/web" });

    const base = snapshot(REPO).digest(web);

    expect(snapshot({ ...REPO, "apps/web/sub/x.yaml": "y\n" }).digest(web)).not.toBe(base);
    expect(snapshot({ ...REPO, "apps/web/new.yaml": "n\n" }).digest(web)).not.toBe(base);
    expect(snapshot({ ...REPO, "apps/web-old/cm.yaml": "changed\n", "apps/webb/cm.yaml": "changed\n", "README.md": "changed\n" }).digest(web)).toBe(base);
  });

  it("covers source.paths globs, the files images are written to, and the render settings", () => {
    const withGlobs = app({ path: "apps/web", paths: ["common/**"] }, { images: [{ repository: "r.example.com/web", policy: { semver: "*" }, write: { file: "env/values.yaml", tag: "tag" } }] });
    const base = snapshot(REPO).digest(withGlobs);

    expect(snapshot({ ...REPO, "common/lib.yaml": "lib 2\n" }).digest(withGlobs)).not.toBe(base);
    expect(snapshot({ ...REPO, "env/values.yaml": "tag: 1.1.0\n" }).digest(withGlobs)).not.toBe(base);
    expect(snapshot(REPO).digest({ ...withGlobs, render: { directory: { include: ["*.yml"], exclude: [], recurse: true } } } as AppConfig)).not.toBe(base);
  });

  it("reads the same digest from a checkout as from a snapshot of the whole repo", async () => {
    // Prepare: a checkout with a .git folder and a symbolic link
    const dir = await checkout({ ...REPO, ".git/HEAD": "ref: refs/heads/main\n" });
    await symlink("../../common/lib.yaml", join(dir, "apps/web/lib.yaml"));
    const apps = [app({ path: "apps/web" }), app({ path: "." }), app({ path: "apps/web", paths: ["common/*.yaml"] }), app({ path: "apps/web" }, { images: [{ repository: "r.example.com/web", policy: { semver: "*" }, write: { file: "env/values.yaml", tag: "tag" } }] })];

    // Act
    const whole = new SourceSnapshot(await readSourceFiles(dir));
    const fromCheckout = await Promise.all(apps.map((a) => appSourceDigest(a, dir)));

    // Assess
    expect(fromCheckout).toEqual(apps.map((a) => whole.digest(a)));
    expect([...(await readSourceFiles(dir)).keys()].some((p) => p.startsWith(".git/"))).toBe(false);
  });

  it("gives an app whose path is not in the revision a digest of nothing, not an error", async () => {
    const dir = await checkout({ "other/x.yaml": "x\n" });

    expect(await appSourceDigest(app({ path: "apps/gone" }), dir)).toBe(snapshot({}).digest(app({ path: "apps/gone" })));
  });
});
