import type {
  Host,
  LabelTarget,
  RawRange,
  RunRecord,
  SelectionInfo,
  WriteRequest,
} from "../../src/excel/types";
import type { Job, JobOutput, Progress } from "../../src/worker/protocol";
import { runJob } from "../../src/worker/handler";

/** A small sheet: a header and rows of two numeric columns and one ID column. */
export function sampleRange(rows: number[][], header = ["id", "x", "y"]): RawRange {
  const values: unknown[][] = [header, ...rows];
  const valueTypes = values.map((r, i) =>
    r.map((v) => (i === 0 ? "String" : typeof v === "number" ? "Double" : "String")),
  );
  return {
    address: `Sheet1!A1:C${rows.length + 1}`,
    sheetName: "Sheet1",
    firstRow: 0,
    firstColumn: 0,
    values,
    valueTypes,
  };
}

export function blobRows(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => {
    const c = i % 3;
    return [i + 1, c * 10 + ((i * 7) % 5) / 5, c * -6 + ((i * 3) % 4) / 4];
  });
}

export type FakeHost = Host & { writes: WriteRequest[]; records: RunRecord[]; target: LabelTarget };

export function fakeHost(range: RawRange, overrides: Partial<Host> = {}): FakeHost {
  const selection: SelectionInfo = {
    address: range.address,
    sheetName: range.sheetName,
    rowCount: range.values.length,
    columnCount: range.values[0].length,
    areaCount: 1,
  };
  const writes: WriteRequest[] = [];
  const records: RunRecord[] = [];
  const host: FakeHost = {
    writes,
    records,
    target: { address: `Sheet1!D1:D${range.values.length}`, empty: true, nonEmptyCount: 0 },
    getSelection: async () => selection,
    onSelectionChanged: async () => () => undefined,
    readSelection: async () => range,
    previewSelection: async (maxRows) => ({
      ...range,
      values: range.values.slice(0, maxRows),
      valueTypes: range.valueTypes.slice(0, maxRows),
    }),
    readRange: async () => range,
    checkLabelTarget: async () => host.target,
    writeResults: async (req) => {
      writes.push(req);
      return {
        labelAddress: host.target.address,
        resultsSheet: "K-Means Results",
        warnings: req.fit.warnings,
        charts: req.sweep ? ["Elbow", "Silhouette", "Scatter", "Profile"] : ["Scatter", "Profile"],
        chartsSkipped: [],
      };
    },
    saveRunRecord: async (r) => {
      records.push(r);
    },
    loadRunRecord: async () => records[records.length - 1] ?? null,
    ...overrides,
  };
  return host;
}

/** Runs jobs with the real engine in this thread. */
export const inlineRunner = {
  async run(job: Job, o?: { onProgress?: (p: Progress) => void }): Promise<JobOutput> {
    return runJob(job, o?.onProgress ?? (() => undefined)).output;
  },
};

/** A runner the test drives by hand: it reports progress, then waits until released or aborted. */
export function manualRunner() {
  let report: ((p: Progress) => void) | undefined;
  let release: (() => void) | undefined;
  const runner = {
    calls: 0,
    run(job: Job, o?: { onProgress?: (p: Progress) => void; signal?: AbortSignal }): Promise<JobOutput> {
      runner.calls++;
      report = o?.onProgress;
      return new Promise<JobOutput>((resolve, reject) => {
        o?.signal?.addEventListener("abort", () => {
          const e = new Error("Cancelled");
          e.name = "AbortError";
          reject(e);
        });
        release = () => resolve(runJob(job, () => undefined).output);
      });
    },
    progress: (p: Progress) => report?.(p),
    release: () => release?.(),
  };
  return runner;
}
