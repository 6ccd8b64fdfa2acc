import * as z from "zod";

const MAX = 300;

/**
 * One readable line for a check that failed: each unexpected field with its path
 * (`status.replicas: expected number, received string`), or the error's first line.
 */
export function describeFailure(error: unknown): string {
  const line = error instanceof z.ZodError ? error.issues.map(issueText).join("; ") : firstLine(error);
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
}

function issueText(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
  return `${path || "(object)"}: ${issue.message}`;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? "no message";
}
