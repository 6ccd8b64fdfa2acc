/** Text that is not YAML (or uses a tag Sluice does not read); `line` and `column` are 1-based. */
export class YamlSyntaxError extends Error {
  /** Offsets of the first and last byte of the document holding the problem. */
  readonly document: readonly [number, number] | undefined;

  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
    options: { cause?: unknown; document?: readonly [number, number] } = {},
  ) {
    super(`line ${line}, column ${column}: ${reason}`, { cause: options.cause });
    this.document = options.document;
    this.name = "YamlSyntaxError";
  }
}
