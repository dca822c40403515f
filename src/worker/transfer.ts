/*
 * Which ArrayBuffers a message can move instead of copying: every typed array's buffer found by walking
 * the message's plain objects and arrays, so a new field of a report is transferred without being listed
 * here. Each buffer is listed once (a duplicate makes postMessage throw). Only messages whose arrays the
 * sender is done with are walked, since transfer detaches them: a job's X is always a private copy
 * (plan.ts), and a worker has no use for its output once posted.
 */
export function transferablesOf(message: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      // Checked by tag, not instanceof, which fails across realms; a SharedArrayBuffer cannot be transferred.
      if (Object.prototype.toString.call(v.buffer) === "[object ArrayBuffer]")
        found.add(v.buffer as ArrayBuffer);
      return;
    }
    for (const item of Array.isArray(v) ? v : Object.values(v)) walk(item);
  };
  walk(message);
  return [...found];
}
