import { abortError } from "../engine";
import { labelColumnOf, labelWidth } from "../excel/labelColumn";
import { sheetProtectedError } from "../excel/preflight";
import { checkMagnitudes, checkRowsForK, prepareData } from "../excel/prepare";
import type { Host, LabelTarget, PreparedData, RawRange, RunRecord, WriteReport } from "../excel/types";
import type { Job, JobOutput, Progress } from "../worker/protocol";
import type { ClusteringReport, SweepReport } from "../model";
import { isDbscanOptions, runSettings, sweepSettings, sweepsK, type PaneOptions } from "./options";
import { ADDIN_VERSION } from "./version";

/** The part of the worker client the pane uses. */
export type Runner = {
  run(job: Job, options?: { onProgress?: (p: Progress) => void; signal?: AbortSignal }): Promise<JobOutput>;
};

export type Deps = { host: Host; runner: Runner };

export type WorkflowEvents = {
  onStage(stage: string): void;
  onProgress(p: Progress): void;
  /** Asked when the label column holds data; resolves true to overwrite. */
  confirmOverwrite(target: LabelTarget): Promise<boolean>;
};

/**
 * The data read and checked, and the user's answer about the label column: the column as they saw it
 * (target), so the write can refuse cells that appeared after they agreed.
 */
export type Checked = { prepared: PreparedData; overwrite: boolean; target?: LabelTarget; sheetId?: string };

/**
 * A mean silhouette needs 2 <= k <= n - 1 ("Valid values are 2 to n_samples - 1", scikit-learn's
 * silhouette_score), so choosing k on n usable rows tries at most k = n - 1: the top of the range is lowered
 * to that (the pane says so), and refused only when fewer than two k would be left to compare.
 */
export function kRangeFor(
  rows: number,
  options: Pick<PaneOptions, "kMin" | "kMax">,
): { kMin: number; kMax: number } {
  return { kMin: options.kMin, kMax: Math.min(options.kMax, rows - 1) };
}

function checkRowsForRange(rows: number, options: PaneOptions): string | null {
  const { kMin, kMax } = kRangeFor(rows, options);
  if (kMax > kMin) return null;
  const has = `the selection has ${rows} usable ${rows === 1 ? "row" : "rows"}`;
  // Two k to compare, each below the row count: From k can go down to rows - 2, and no lower than 2.
  const fix =
    rows >= 4
      ? `Lower "From k" to ${rows - 2} or less, or cluster with a fixed k.`
      : "Cluster with a fixed k instead.";
  return `Choose k needs more usable rows than the k it tries, for at least two k from ${options.kMin}; ${has}. ${fix}`;
}

/**
 * Whether the usable rows are enough for the run: k rows for k-means, more than the k tried for Choose k.
 * DBSCAN needs one row, which prepareData already insists on (it refuses a selection with none).
 */
function checkRows(prepared: PreparedData, options: PaneOptions): string | null {
  if (isDbscanOptions(options)) return null;
  return sweepsK(options) ? checkRowsForRange(prepared.X.rows, options) : checkRowsForK(prepared, options.k);
}

export type Done = {
  status: "done";
  prepared: PreparedData;
  fit: ClusteringReport;
  sweep?: SweepReport;
  report: WriteReport;
  record: RunRecord;
};

/**
 * Reads the selection (or a stored address), turns it into features and asks before touching a
 * non-empty label column. Nothing is written here, and nothing later until the computation is done,
 * so a cancel or an error leaves the workbook as it was.
 */
export async function readAndCheck(
  { host }: Deps,
  options: PaneOptions,
  events: WorkflowEvents,
  signal: AbortSignal,
  source?: { address: string },
): Promise<Checked | { status: "declined"; target: LabelTarget }> {
  events.onStage("Reading the selection");
  const raw: RawRange = source ? await host.readRange(source.address) : await host.readSelection();
  throwIfAborted(signal);
  const prepared = prepareData(raw, {
    header: options.header,
    excludedColumns: options.excludedColumns,
    visibleOnly: true,
  });
  const tooFew = checkRows(prepared, options);
  if (tooFew) throw new Error(tooFew);
  const tooLarge = checkMagnitudes(prepared, options.scaling);
  if (tooLarge) throw new Error(tooLarge);
  // Before the job, not after it: the write would refuse anyway (preflight.ts checks again).
  const block = labelColumnOf(prepared, labelWidth(options.diagnostics));
  if (raw.sheetProtected) throw sheetProtectedError(raw.sheetName, block.address);
  // The read already looked beside the data; only a label column with something in it needs counting. The
  // read looks at the Cluster column alone: the diagnostics columns, and an earlier run's, are the host's to
  // count, so they are asked about like the label column.
  const target: LabelTarget =
    raw.labelColumnEmpty && !options.diagnostics
      ? { address: block.address, empty: true, nonEmptyCount: 0 }
      : options.diagnostics
        ? await host.checkLabelTarget(prepared, { diagnostics: true })
        : await host.checkLabelTarget(prepared);
  let overwrite = false;
  // The add-in's own labels from the last run on this range are replaced without asking.
  if (!target.empty && !target.ownOutput) {
    overwrite = await events.confirmOverwrite(target);
    if (!overwrite) return { status: "declined", target };
  }
  throwIfAborted(signal);
  return { prepared, overwrite, target, ...(raw.sheetId ? { sheetId: raw.sheetId } : {}) };
}

/** Fits every k of the range, for the elbow and silhouette signals. */
export async function sweep(
  { runner }: Deps,
  { prepared }: Checked,
  options: PaneOptions,
  events: WorkflowEvents,
  signal: AbortSignal,
): Promise<SweepReport> {
  const { kMin, kMax } = kRangeFor(prepared.X.rows, options);
  events.onStage(`Trying k = ${kMin} to ${kMax}`);
  return (await runner.run(
    { kind: "sweep", X: prepared.X, settings: { ...sweepSettings(options), kMin, kMax } },
    { onProgress: events.onProgress, signal },
  )) as SweepReport;
}

/**
 * Clusters (k-means with the chosen k, or DBSCAN with the options' eps and min samples; k is then not
 * used) and writes labels, tables and charts.
 */
export async function fitAndWrite(
  { host, runner }: Deps,
  { prepared, overwrite, target, sheetId }: Checked,
  options: PaneOptions,
  k: number,
  events: WorkflowEvents,
  signal: AbortSignal,
  sweepResult?: SweepReport,
): Promise<Done> {
  const settings = runSettings(options, prepared.features, k);
  events.onStage(
    settings.clusterer === "dbscan"
      ? `Clustering with DBSCAN (eps = ${settings.eps}, min samples = ${settings.minSamples})`
      : `Clustering into ${k} clusters`,
  );
  const fit = (await runner.run(
    { kind: "fit", X: prepared.X, settings },
    { onProgress: events.onProgress, signal },
  )) as ClusteringReport;
  throwIfAborted(signal);
  const record: RunRecord = {
    version: ADDIN_VERSION,
    date: new Date().toISOString(),
    sourceAddress: prepared.source.address,
    header: options.header,
    excludedColumns: options.excludedColumns,
    featureNames: prepared.features.map((c) => prepared.columns[c].name),
    settings,
    ...(options.diagnostics ? { diagnostics: true } : {}),
  };
  events.onStage("Writing the results");
  const report = await host.writeResults({
    prepared,
    fit,
    record,
    overwrite,
    ...(target ? { agreed: target } : {}),
    ...(sheetId ? { sheetId } : {}),
    sweep: sweepResult,
  });
  const stored: RunRecord = report.output ? { ...record, output: report.output } : record;
  // Stored with the results where the host could; else on its own, with the host's fallbacks.
  if (!report.recordSaved) await host.saveRunRecord(stored);
  return { status: "done", prepared, fit, sweep: sweepResult, report, record: stored };
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}
