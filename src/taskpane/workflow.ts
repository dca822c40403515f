import { checkRowsForK, prepareData } from "../excel/prepare";
import type { Host, LabelTarget, PreparedData, RawRange, RunRecord, WriteReport } from "../excel/types";
import type { FitOutput, Job, JobOutput, Progress, SweepOutput } from "../worker/protocol";
import { fitSettings, sweepSettings, type PaneOptions } from "./options";
import { ADDIN_VERSION } from "./version";

/** The part of the worker client the pane uses. */
export type Runner = {
  run(job: Job, options?: { onProgress?: (p: Progress) => void; signal?: AbortSignal }): Promise<JobOutput>;
};

export type WorkflowEvents = {
  onStage(stage: string): void;
  onProgress(p: Progress): void;
  /** Asked when the label column holds data; resolves true to overwrite. */
  confirmOverwrite(target: LabelTarget): Promise<boolean>;
};

export type Outcome =
  | {
      status: "done";
      prepared: PreparedData;
      fit: FitOutput;
      sweep?: SweepOutput;
      report: WriteReport;
      record: RunRecord;
    }
  | { status: "declined"; target: LabelTarget };

/**
 * Select → read → prepare → (sweep) → fit → write: one run of the Cluster button. Nothing is written
 * until the computation has finished, so a cancel or an error leaves the workbook as it was.
 */
export async function clusterRange(
  deps: { host: Host; runner: Runner },
  options: PaneOptions,
  events: WorkflowEvents,
  signal: AbortSignal,
  source?: { address: string },
): Promise<Outcome> {
  const { host, runner } = deps;
  events.onStage("Reading the selection");
  const raw: RawRange = source ? await host.readRange(source.address) : await host.readSelection();
  throwIfAborted(signal);
  const prepared = prepareData(raw, { header: options.header, excludedColumns: options.excludedColumns });
  const minK = options.chooseK ? options.kMax : options.k;
  const tooFew = checkRowsForK(prepared, minK);
  if (tooFew) throw new Error(tooFew);

  const target = await host.checkLabelTarget(prepared);
  let overwrite = false;
  if (!target.empty) {
    overwrite = await events.confirmOverwrite(target);
    if (!overwrite) return { status: "declined", target };
  }
  throwIfAborted(signal);

  let k = options.k;
  let sweep: SweepOutput | undefined;
  if (options.chooseK) {
    events.onStage(`Trying k = ${options.kMin} to ${options.kMax}`);
    sweep = (await runner.run(
      { kind: "sweep", X: copyOf(prepared), settings: sweepSettings(options) },
      { onProgress: events.onProgress, signal },
    )) as SweepOutput;
    k = sweep.bestSilhouetteK ?? sweep.elbowK ?? options.k;
  }
  events.onStage(`Clustering into ${k} clusters`);
  const settings = fitSettings(options, k);
  const fit = (await runner.run(
    { kind: "fit", X: copyOf(prepared), settings },
    { onProgress: events.onProgress, signal },
  )) as FitOutput;
  throwIfAborted(signal);

  const record: RunRecord = {
    version: ADDIN_VERSION,
    date: new Date().toISOString(),
    sourceAddress: prepared.source.address,
    header: options.header,
    excludedColumns: options.excludedColumns,
    featureNames: prepared.features.map((c) => prepared.columns[c].name),
    settings,
  };
  events.onStage("Writing the results");
  const report = await host.writeResults({ prepared, fit, record, overwrite });
  await host.saveRunRecord(record);
  return { status: "done", prepared, fit, sweep, report, record };
}

/** The worker takes ownership of what it is sent; the pane keeps its own X for writing. */
function copyOf(p: PreparedData) {
  return { data: p.X.data.slice(), rows: p.X.rows, cols: p.X.cols };
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    const e = new Error("Cancelled");
    e.name = "AbortError";
    throw e;
  }
}
