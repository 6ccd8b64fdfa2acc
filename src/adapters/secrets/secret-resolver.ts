import { readFile } from "node:fs/promises";
import { describeSecretRef, type SecretRef } from "../../core/config/secret-ref.ts";

/** Fetches a value from a remote secret store (SSM Parameter Store, Secrets Manager); injected at the edge. */
export type SecretFetcher = (id: string) => Promise<string>;

export interface SecretSources {
  env: Record<string, string | undefined>;
  ssm?: SecretFetcher;
  secretsManager?: SecretFetcher;
}

/** A secret reference that could not be resolved; the message names the reference, never a value. */
export class SecretError extends Error {
  constructor(ref: SecretRef, reason: string, options?: { cause?: unknown }) {
    super(`secret ${describeSecretRef(ref)}: ${reason}`, options);
    this.name = "SecretError";
  }
}

/** Resolves secret references once each and keeps the values for the life of the process. */
export class SecretResolver {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly sources: SecretSources) {}

  resolve(ref: SecretRef): Promise<string> {
    const key = describeSecretRef(ref);
    let value = this.cache.get(key);
    if (!value) {
      value = this.fetch(ref).then((v) => {
        const trimmed = v.trim();
        if (trimmed === "") throw new SecretError(ref, "is empty");
        return trimmed;
      });
      value.catch(() => this.cache.delete(key));
      this.cache.set(key, value);
    }
    return value;
  }

  resolveAll(refs: readonly SecretRef[]): Promise<string[]> {
    return Promise.all(refs.map((r) => this.resolve(r)));
  }

  private async fetch(ref: SecretRef): Promise<string> {
    if ("env" in ref) {
      const value = this.sources.env[ref.env];
      if (value === undefined) throw new SecretError(ref, "the environment variable is not set");
      return value;
    }
    if ("file" in ref) {
      try {
        return await readFile(ref.file, "utf8");
      } catch (error) {
        throw new SecretError(ref, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { cause: error });
      }
    }
    const [fetcher, id] = "ssm" in ref ? [this.sources.ssm, ref.ssm] : [this.sources.secretsManager, ref.secretsManager];
    if (!fetcher) throw new SecretError(ref, "this runtime has no client for that secret store");
    try {
      return await fetcher(id);
    } catch (error) {
      throw new SecretError(ref, `the secret store refused: ${(error as Error).message}`, { cause: error });
    }
  }
}
