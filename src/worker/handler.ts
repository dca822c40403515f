import { checkSettings, clustererFor, fitRun, runSweep } from "../analysis";
import { createProgressReporter } from "./progress";
import type { OutputOf, Progress, WorkerJob, WorkerOutput } from "./protocol";
import { transferablesOf } from "./transfer";

/**
 * Runs one job to completion on the calling thread. No worker globals, so the browser worker, the Node
 * test worker and the inline client all run this same function. Progress is throttled and monotonic.
 * What a job computes is the analysis layer's; this only unwraps the envelope.
 */
export function runJob<J extends WorkerJob>(
  job: J,
  onProgress: (p: Progress) => void,
): { output: OutputOf<J>; transfer: ArrayBuffer[] } {
  const report = createProgressReporter(onProgress);
  const output = dispatch(job, report);
  return { output: output as OutputOf<J>, transfer: transferablesOf(output) };
}

function dispatch(job: WorkerJob, report: ReturnType<typeof createProgressReporter>): WorkerOutput {
  switch (job.kind) {
    case "fit":
      return fitRun(job.X, job.settings, report);
    case "sweep":
      return runSweep(job.X, job.settings, report);
    case "part":
      return { kind: "part", result: planOf(job.settings).runPart(job.X, job.settings, job.part, report) };
    case "finish":
      return planOf(job.settings).finish(job.X, job.settings, job.merged, report);
    default:
      throw new Error(`Unknown job kind: ${String((job as { kind?: unknown }).kind)}`);
  }
}

function planOf(settings: Parameters<typeof clustererFor>[0]) {
  // A part fails as the whole fit would, in the same words.
  checkSettings(settings);
  const plan = clustererFor(settings).plan;
  if (!plan) throw new Error(`The ${settings.clusterer ?? "kmeans"} clusterer does not split into parts`);
  return plan;
}
