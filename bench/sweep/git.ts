// The git server the bench's chart repos live on: git http-backend behind Sluice's own wrapper.
import { mkdir } from "node:fs/promises";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";

export async function startEmbeddedGitServer(root: string): Promise<GitHttpServer> {
  await mkdir(root, { recursive: true });
  return startGitHttpServer({ root });
}
