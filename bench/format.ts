/** A plain-text table: text columns left-aligned, the rest right-aligned; a rule between groups. */
export function formatTable(header: string[], groups: string[][][], leftColumns: number[]): string {
  const all = [header, ...groups.flat()];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]): string =>
    widths
      .map((w, c) => (leftColumns.includes(c) ? (r[c] ?? "").padEnd(w) : (r[c] ?? "").padStart(w)))
      .join(" | ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  const out = [line(header), rule];
  groups.forEach((g, i) => {
    if (i > 0) out.push(rule);
    for (const r of g) out.push(line(r));
  });
  return out.join("\n");
}

export function seconds(s: number): string {
  return s >= 10 ? s.toFixed(2) : s.toFixed(3);
}

export function ms(s: number): string {
  return (s * 1000).toFixed(s * 1000 >= 100 ? 0 : 1);
}

export function ratio(r: number): string {
  return r >= 10 ? r.toFixed(1) : r.toFixed(2);
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function relDiff(a: number, b: number): string {
  const d = Math.abs(a - b) / Math.abs(b);
  return d === 0 ? "0" : d.toExponential(1);
}

export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** "identical", or how many labels differ. */
export function labelDiff(a: Int32Array, b: Int32Array): string {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n === 0 ? "identical" : `${count(n)} differ (${((100 * n) / a.length).toPrecision(2)}%)`;
}

export function passMiss(ok: boolean | undefined): string {
  return ok === undefined ? "[n/a ]" : ok ? "[PASS]" : "[MISS]";
}
