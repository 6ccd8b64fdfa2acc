/** Another writer changed (or created) an app's record since it was read: read it again and redo the change. */
export class RecordConflictError extends Error {
  constructor(readonly app: string, options?: { cause?: unknown }) {
    super(`the record of ${app} changed since it was read`, options);
    this.name = "RecordConflictError";
  }
}
