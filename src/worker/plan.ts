import { pickBest } from "../engine";
import { combineProgress } from "./combineProgress";
import { RUNS_SHARE } from "./progress";
import type {
  Clustering,
  FitJob,
  Job,
  JobOutput,
  OutputOf,
  Progress,
  RunResult,
  SweepJob,
  SweepOutput,
  FitOutput,
  WireMatrix,
  WorkerJob,
} from "./protocol";
import { summariseSweep } from "./sweep";

export type Submit = <J extends WorkerJob>(
  build: () => J,
  onProgress: (p: Progress) => void,
) => Promise<OutputOf<J>>;

export type PlanContext = { submit: Submit; poolSize: number; onProgress?: (p: Progress) => void };

/**
 * Runs a job as one worker job, or split over the pool: a fit's runs in contiguous chunks (merged with the
 * engine's winner rule over every run, then scored by one worker), a sweep's ks one per worker job. Either
 * way the output is the one a single worker gives.
 */
export async function runPlanned(job: Job, ctx: PlanContext): Promise<JobOutput> {
  if (job.kind === "fit" && canSplitFit(job, ctx.poolSize)) return fitInPool(job, ctx);
  if (job.kind === "sweep" && canSplitSweep(job, ctx.poolSize)) return sweepInPool(job, ctx);
  const take = copies(job.X, 1);
  return ctx.submit(() => ({ ...job, X: take() }), combineProgress([1], ctx.onProgress).part(0));
}

/*
 * Invalid settings are never split: the whole job goes to one worker, whose engine error is then exactly
 * the one a single fit raises (a split could surface another part's message first).
 */
function canSplitFit(job: FitJob, poolSize: number): boolean {
  const { nInit } = job.settings;
  return poolSize > 1 && job.runs === undefined && Number.isInteger(nInit) && nInit > 1;
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

async function fitInPool(job: FitJob, ctx: PlanContext): Promise<FitOutput> {
  const { settings } = job;
  const chunks = splitRuns(settings.nInit, Math.min(ctx.poolSize, settings.nInit));
  const take = copies(job.X, chunks.length + 1);
  const progress = combineProgress(
    [...chunks.map((c) => (RUNS_SHARE * c.length) / settings.nInit), 1 - RUNS_SHARE],
    ctx.onProgress,
  );
  const parts = await Promise.all(
    chunks.map((runs, i) =>
      ctx.submit(() => ({ kind: "runs" as const, X: take(), settings, runs }), progress.part(i)),
    ),
  );
  const clustering = mergeRuns(
    parts.flatMap((p) => p.results),
    settings.k,
  );
  return ctx.submit(
    () => ({ kind: "score" as const, X: take(), settings, clustering }),
    progress.part(chunks.length),
  );
}

async function sweepInPool(job: SweepJob, ctx: PlanContext): Promise<SweepOutput> {
  const { kMin, kMax } = job.settings;
  const ks = Array.from({ length: kMax - kMin + 1 }, (_, i) => kMin + i);
  const take = copies(job.X, ks.length);
  const progress = combineProgress(
    ks.map(() => 1 / ks.length),
    ctx.onProgress,
  );
  const outputs: SweepOutput[] = new Array(ks.length);
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
 * Run indices 0..nInit-1 in `parts` contiguous chunks, sizes differing by at most one, larger first:
 * a later chunk must first draw (and discard) the starts of every run before it, so it gets less to run.
 */
export function splitRuns(nInit: number, parts: number): number[][] {
  const out: number[][] = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const size = Math.floor(nInit / parts) + (p < nInit % parts ? 1 : 0);
    out.push(Array.from({ length: size }, (_, i) => start + i));
    start += size;
  }
  return out;
}

/** The full fit's winner among every run (in run order), by the engine's own rule. */
export function mergeRuns(results: readonly RunResult[], k: number): Clustering {
  const best =
    results[
      pickBest(
        results.map((r) => ({ labels: r.labels, inertia: r.summary.inertia })),
        k,
      )
    ];
  return {
    labels: best.labels,
    centersScaled: best.centersScaled,
    inertia: best.summary.inertia,
    nIter: best.summary.nIter,
    converged: best.summary.converged,
    bestRun: best.summary.run,
    runs: results.map((r) => r.summary),
    warnings: best.warnings,
  };
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
