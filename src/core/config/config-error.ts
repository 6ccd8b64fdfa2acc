/** One problem in a configuration, with the path of the offending value. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** A configuration that cannot be used; lists every problem found, not just the first. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(source: string, problems: ConfigProblem[], options?: { cause?: unknown }) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`, options);
    this.name = "ConfigError";
    this.problems = problems;
  }
}
