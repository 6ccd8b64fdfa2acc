/** Rendering failed: a renderer's error, a malformed document (named by file and line), a timeout. */
export class RenderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RenderError";
  }
}
