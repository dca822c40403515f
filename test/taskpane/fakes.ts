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

/**
 * A host whose selection the test moves between ranges, as a user clicking about the sheet would: each
 * select() tells the pane's listeners, and reads and previews answer for the range selected then (readRange
 * for the range at that address).
 */
export function switchingHost(ranges: RawRange[], overrides: Partial<Host> = {}) {
  let current = ranges[0];
  const listeners = new Set<(s: SelectionInfo) => void>();
  const info = (r: RawRange): SelectionInfo => ({
    address: r.address,
    sheetName: r.sheetName,
    rowCount: r.values.length,
    columnCount: r.values[0].length,
    areaCount: 1,
  });
  const reads: string[] = [];
  const host = fakeHost(current, {
    getSelection: async () => info(current),
    onSelectionChanged: async (callback) => {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    readSelection: async () => current,
    previewSelection: async (maxRows) => ({
      ...current,
      values: current.values.slice(0, maxRows),
      valueTypes: current.valueTypes.slice(0, maxRows),
    }),
    readRange: async (address) => {
      reads.push(address);
      const range = ranges.find((r) => r.address === address);
      if (!range) throw new Error(`No range at ${address}`);
      return range;
    },
    ...overrides,
  });
  const select = (address: string) => {
    const range = ranges.find((r) => r.address === address);
    if (!range) throw new Error(`No range at ${address}`);
    current = range;
    for (const l of listeners) l(info(range));
  };
  return { host, select, reads };
}

/** The same rows as sampleRange, placed at another address (its own header names). */
export function rangeAt(address: string, rows: unknown[][], header: string[]): RawRange {
  const values: unknown[][] = [header, ...rows];
  const valueTypes = values.map((r, i) =>
    r.map((v) => (i === 0 || typeof v !== "number" ? (v === "" ? "Empty" : "String") : "Double")),
  );
  const m = /^(.*)!\$?([A-Z]+)\$?(\d+)/.exec(address)!;
  const firstColumn = [...m[2]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return {
    address,
    sheetName: m[1],
    firstRow: Number(m[3]) - 1,
    firstColumn,
    values,
    valueTypes,
  };
}
