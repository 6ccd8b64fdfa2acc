// A position as go-jsonnet prints it: file:line:column, or a range (file:(l:c)-(l:c), file:l:c-c).
const POSITION = /^(\S+?):(\(?\d+:\d+\)?(-\(?\d+(:\d+)?\)?)?)(\s|$)/;

/**
 * go-jsonnet's error as one line for a status: a static error's first line (it starts with the
 * position), or a runtime error's message with the innermost frame's position after it. The
 * source excerpt and the rest of the trace are dropped; the full text stays the error's stderr.
 */
export function jsonnetMessage(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const [first, ...rest] = lines;
  if (first === undefined) return "jsonnet printed no error";
  if (!first.startsWith("RUNTIME ERROR:")) return first;
  const frame = rest.map((l) => POSITION.exec(l)).find((m) => m !== null);
  return frame ? `${frame[1]}:${frame[2]}: ${first}` : first;
}
