import { runFit, runScore } from "./fit";
import { createProgressReporter } from "./progress";
import type { OutputOf, Progress, WorkerJob, WorkerOutput } from "./protocol";
import { runRuns } from "./runs";
import { runSweep } from "./sweep";
import { outputTransfer } from "./transfer";

/**
 * Runs one job to completion on the calling thread. No worker globals, so the browser worker, the Node
 * test worker and the inline client all run this same function. Progress is throttled and monotonic.
 */
export function runJob<J extends WorkerJob>(
  job: J,
  onProgress: (p: Progress) => void,
): { output: OutputOf<J>; transfer: ArrayBuffer[] } {
  const report = createProgressReporter(onProgress);
  const output = dispatch(job, report);
  return { output: output as OutputOf<J>, transfer: outputTransfer(output) };
}

function dispatch(job: WorkerJob, report: ReturnType<typeof createProgressReporter>): WorkerOutput {
  switch (job.kind) {
    case "fit":
      return runFit(job, report);
    case "sweep":
      return runSweep(job, report);
    case "runs":
      return runRuns(job, report);
    case "score":
      return runScore(job, report);
    default:
      throw new Error(`Unknown job kind: ${String((job as { kind?: unknown }).kind)}`);
  }
}
