/** Edit script of a Myers diff on lines: which lines stay, go or come. */
type Op = { kind: " " | "-" | "+"; line: string };

function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
  }
  // Walk the trace backwards from (n, m) to recover the path.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] ?? v;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[offset + k - 1] ?? 0) < (vd[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: " ", line: a[--x] ?? "" });
      y--;
    }
    if (d > 0) {
      if (down) ops.push({ kind: "+", line: b[--y] ?? "" });
      else ops.push({ kind: "-", line: a[--x] ?? "" });
    }
  }
  return ops.reverse();
}

/**
 * A unified diff (`diff -u` format, 3 lines of context) between two texts, or "" when they are
 * equal. Labels name the two sides in the --- and +++ lines.
 */
export function unifiedDiff(before: string, after: string, labels: { from: string; to: string }, context = 3): string {
  if (before === after) return "";
  const split = (s: string): string[] => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));
  const ops = editScript(split(before), split(after));
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]?.kind === " ") i++;
    if (i >= ops.length) break;
    let start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are closer than twice the context.
    for (;;) {
      while (end < ops.length && ops[end]?.kind !== " ") end++;
      let next = end;
      while (next < ops.length && ops[next]?.kind === " ") next++;
      if (next < ops.length && next - end <= 2 * context) { end = next; continue; }
      end = Math.min(ops.length, end + context);
      break;
    }
    let aLine = 1;
    let bLine = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j]?.kind !== "+") aLine++;
      if (ops[j]?.kind !== "-") bLine++;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== "+").length;
    const bCount = hunk.filter((o) => o.kind !== "-").length;
    out.push(`@@ -${aCount === 0 ? aLine - 1 : aLine},${aCount} +${bCount === 0 ? bLine - 1 : bLine},${bCount} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    i = end;
    start = end;
  }
  return `${out.join("\n")}\n`;
}
