/**
 * A write-back was refused: the file does not parse, the key is missing or is
 * not a scalar, the value is shared through an alias, or the post-edit check
 * found a change other than the intended one. Nothing was written.
 */
export class WriteBackError extends Error {
  override readonly name = "WriteBackError";
  /** The file in the GitOps repository, as given in the write spec. */
  readonly file: string;
  /** Where in the file, in key-path syntax, when known. */
  readonly keyPath: string | undefined;
  readonly reason: string;

  constructor(details: { file: string; keyPath?: string | undefined; reason: string; cause?: unknown }) {
    const where = details.keyPath === undefined ? details.file : `${details.file}: ${details.keyPath}`;
    super(`${where}: ${details.reason}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.file = details.file;
    this.keyPath = details.keyPath;
    this.reason = details.reason;
  }
}
