import type { WorkerJob, WorkerOutput } from "./protocol";

/*
 * Which ArrayBuffers a message can move instead of copying. Each buffer is listed once (a duplicate makes
 * postMessage throw), and only arrays the sender is done with are listed, since transfer detaches them.
 */

/** The job's X, and for a score job the winner's labels and centres. */
export function jobTransfer(job: WorkerJob): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [job.X.data];
  if (job.kind === "score") arrays.push(job.clustering.labels, job.clustering.centersScaled.data);
  return buffersOf(arrays);
}

/** The output's labels, centres and scatter arrays (every run's labels and centres, for a runs job). */
export function outputTransfer(output: WorkerOutput): ArrayBuffer[] {
  if (output.kind === "fit") {
    const { scatter } = output;
    return buffersOf([
      output.labels,
      output.centers.data,
      output.centersScaled.data,
      scatter.points.data,
      scatter.labels,
      scatter.centroids.data,
    ]);
  }
  if (output.kind === "runs")
    return buffersOf(output.results.flatMap((r) => [r.labels, r.centersScaled.data]));
  return [];
}

function buffersOf(arrays: ArrayBufferView[]): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  // Checked by tag, not instanceof, which fails across realms; a SharedArrayBuffer cannot be transferred.
  for (const a of arrays) {
    if (Object.prototype.toString.call(a?.buffer) === "[object ArrayBuffer]")
      set.add(a.buffer as ArrayBuffer);
  }
  return [...set];
}
