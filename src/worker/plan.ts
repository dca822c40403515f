import { clustererFor, summariseSweep } from "../analysis";
import { FIT_SHARE, validateSettings, type RunSettings } from "../model";
import { combineProgress } from "./combineProgress";
import type { FitJob, Job, JobOutput, OutputOf, Progress, SweepJob, WireMatrix, WorkerJob } from "./protocol";
import type { ClusteringReport, SweepReport } from "../model";

export type Submit = <J extends WorkerJob>(
  build: () => J,
  onProgress: (p: Progress) => void,
) => Promise<OutputOf<J>>;

export type PlanContext = { submit: Submit; poolSize: number; onProgress?: (p: Progress) => void };

/**
 * Runs a job as one worker job, or split over the pool: a fit by its clusterer's plan (parts on workers,
 * merged here, finished by one worker), a sweep's ks one per worker job. Either way the output is the one
 * a single worker gives.
 */
export async function runPlanned(job: Job, ctx: PlanContext): Promise<JobOutput> {
  if (job.kind === "fit") {
    const parts = ctx.poolSize > 1 ? partsOf(job.settings, ctx.poolSize) : null;
    if (parts) return fitInPool(job, parts, ctx);
  }
  if (job.kind === "sweep" && canSplitSweep(job, ctx.poolSize)) return sweepInPool(job, ctx);
  const take = copies(job.X, 1);
  return ctx.submit(() => ({ ...job, X: take() }), combineProgress([1], ctx.onProgress).part(0));
}

/*
 * Invalid settings are never split: the whole job goes to one worker, whose error is then exactly the one
 * a single fit raises (a split could surface another part's message first).
 */
function partsOf(settings: RunSettings, poolSize: number): unknown[] | null {
  if (validateSettings(settings).length > 0) return null;
  const parts = clustererFor(settings).plan?.split(settings, poolSize);
  return parts && parts.length > 1 ? parts : null;
}

function canSplitSweep(job: SweepJob, poolSize: number): boolean {
  const { kMin, kMax } = job.settings;
  return (
    poolSize > 1 &&
    Number.isInteger(kMin) &&
    Number.isInteger(kMax) &&
    kMin >= 1 &&
    kMax > kMin &&
    kMax <= job.X.rows
  );
}

async function fitInPool(job: FitJob, parts: unknown[], ctx: PlanContext): Promise<ClusteringReport> {
  const { settings } = job;
  const plan = clustererFor(settings).plan!;
  const take = copies(job.X, parts.length + 1);
  const progress = combineProgress(
    [...parts.map((p) => FIT_SHARE * plan.weight(settings, p)), 1 - FIT_SHARE],
    ctx.onProgress,
  );
  const results = await Promise.all(
    parts.map((part, i) =>
      ctx.submit(() => ({ kind: "part" as const, X: take(), settings, part }), progress.part(i)),
    ),
  );
  const merged = plan.merge(
    settings,
    results.map((r) => r.result),
  );
  return ctx.submit(
    () => ({ kind: "finish" as const, X: take(), settings, merged }),
    progress.part(parts.length),
  );
}

async function sweepInPool(job: SweepJob, ctx: PlanContext): Promise<SweepReport> {
  const { kMin, kMax } = job.settings;
  const ks = Array.from({ length: kMax - kMin + 1 }, (_, i) => kMin + i);
  const take = copies(job.X, ks.length);
  const progress = combineProgress(
    ks.map(() => 1 / ks.length),
    ctx.onProgress,
  );
  const outputs: SweepReport[] = new Array(ks.length);
  // Largest k first: those take longest, so the queue ends on quick jobs and workers finish together.
  const order = ks.map((_, i) => i).reverse();
  await Promise.all(
    order.map((i) =>
      ctx
        .submit(
          () => ({ ...job, X: take(), settings: { ...job.settings, kMin: ks[i], kMax: ks[i] } }),
          progress.part(i),
        )
        .then((o) => {
          outputs[i] = o;
        }),
    ),
  );
  const rows = outputs.flatMap((o) => o.rows);
  return { kind: "sweep", rows, ...summariseSweep(rows) };
}

/**
 * Private copies of the caller's X for `uses` worker jobs. Sending transfers (detaches) the buffer, and
 * the caller usually still needs X (to write results back, to run again), so workers only ever get
 * copies: one snapshot taken now, so later edits to X cannot leak into a running job, sliced for each job
 * but the last, which gets the snapshot itself. Copying is a few ms even for 100k × 8, against a fit's
 * seconds; a snapshot also packs a view of a larger buffer so only X's own bytes cross.
 */
function copies(X: WireMatrix, uses: number): () => WireMatrix {
  const snapshot = X.data.slice();
  let left = uses;
  return () => ({ rows: X.rows, cols: X.cols, data: --left > 0 ? snapshot.slice() : snapshot });
}
