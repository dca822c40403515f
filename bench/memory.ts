import { spawnSync } from "child_process";
import { join } from "path";

export type MemoryMode = "hamerly" | "lloyd" | "kmeans++" | "defaults";

export type MemoryJob = {
  data: string;
  rows: number;
  cols: number;
  k: number;
  mode: MemoryMode;
  /** Rows of the shared start, for "hamerly" and "lloyd". */
  start: number[];
};

/** Bytes beyond the baseline (input loaded, heap collected) while one engine fit runs. */
export type MemoryReport = {
  mode: MemoryMode;
  seconds: number;
  nIter: number;
  inputBytes: number;
  peakRssBytes: number;
  /** False when /proc/self/clear_refs could not reset VmHWM, so the peak includes start-up. */
  hwmReset: boolean;
  peakArrayBuffersBytes: number;
  retainedArrayBuffersBytes: number;
};

const CHILD = join(__dirname, "memory_child.ts");

/** Runs the fit in a fresh node process, so nothing from the benchmark's own heap is counted. */
export function measureMemory(job: MemoryJob): MemoryReport | { error: string } {
  const p = spawnSync(
    process.execPath,
    ["--expose-gc", "-r", "ts-node/register/transpile-only", CHILD, JSON.stringify(job)],
    { encoding: "utf8", timeout: 300_000, cwd: join(__dirname, "..") },
  );
  if (p.error) return { error: p.error.message };
  if (p.status !== 0) return { error: `exit ${p.status}: ${p.stderr.trim().split("\n").pop() ?? ""}` };
  try {
    return JSON.parse(p.stdout) as MemoryReport;
  } catch {
    return { error: `unreadable output: ${p.stdout.slice(0, 200)}` };
  }
}
