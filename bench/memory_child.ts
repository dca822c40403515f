/**
 * One engine fit in a fresh process, for bench/memory.ts. Loads the input, settles the heap, resets
 * the kernel's peak-RSS mark, fits, and prints JSON: the peak RSS above that baseline (VmHWM, which
 * catches every transient), the peak of process.memoryUsage().arrayBuffers sampled at every iteration
 * and just after the fit (un-collected garbage included), and what the result still holds after a GC.
 */
import { readFileSync, writeFileSync } from "fs";
import { kmeans, takeRows, type KMeansOptions } from "../src/engine";
import type { BackendChoice } from "../src/engine/wasm/backend";
import { readMatrix } from "./data";
import type { MemoryJob, MemoryReport } from "./memory";

function statusKb(field: "VmRSS" | "VmHWM"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync("/proc/self/status", "utf8"));
  if (!m) throw new Error(`no ${field} in /proc/self/status`);
  return Number(m[1]);
}

/** A full GC, then a pause so V8 can release swept ArrayBuffer backing stores. */
async function settle(gc: () => void): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as MemoryJob;
  const backend = (process.env.KMEANS_BACKEND ?? "auto") as BackendChoice;
  const X = readMatrix(job.data, job.rows, job.cols);
  const options: KMeansOptions =
    job.mode === "kmeans++"
      ? { k: job.k, nInit: 1, seed: 42, backend }
      : job.mode === "defaults"
        ? { k: job.k, backend }
        : { k: job.k, init: takeRows(X, job.start), algorithm: job.mode, backend };
  const gc = globalThis.gc;
  if (!gc) throw new Error("run with --expose-gc");
  await settle(gc);
  const baseArrayBuffers = process.memoryUsage().arrayBuffers;
  const baseRssKb = statusKb("VmRSS");
  let hwmReset = true;
  try {
    // Linux: writing 5 resets VmHWM to the current RSS.
    writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    hwmReset = false;
  }
  let peakArrayBuffers = baseArrayBuffers;
  const sample = (): void => {
    const ab = process.memoryUsage().arrayBuffers;
    if (ab > peakArrayBuffers) peakArrayBuffers = ab;
  };
  const t0 = performance.now();
  const result = kmeans(X, { ...options, onProgress: sample });
  const seconds = (performance.now() - t0) / 1000;
  sample();
  const peakRssKb = statusKb("VmHWM");
  await settle(gc);
  const retained = process.memoryUsage().arrayBuffers - baseArrayBuffers;
  const report: MemoryReport = {
    mode: job.mode,
    seconds,
    nIter: result.nIter,
    inputBytes: X.data.byteLength,
    peakRssBytes: (peakRssKb - baseRssKb) * 1024,
    hwmReset,
    peakArrayBuffersBytes: peakArrayBuffers - baseArrayBuffers,
    retainedArrayBuffersBytes: retained,
  };
  process.stdout.write(JSON.stringify(report));
}

void main();
