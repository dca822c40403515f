/**
 * Office round trips of one Cluster click: a selection of the test workbook (test/host) read, clustered
 * with the pane's defaults and written back through the add-in's own Excel code (createExcelHost over
 * src/excel/read.ts and write.ts, driven by the pane's workflow), with the engine on this thread. The test
 * workbook counts every sync and the bytes of its request and response, as Excel on the web would see them.
 *
 * Run alone: node -r ts-node/register/transpile-only bench/roundTrips.ts [rows] [columns]
 */
import { columnLetter } from "../src/excel/address";
import { PAYLOAD_CAP_BYTES } from "../src/excel/blocks";
import { createExcelHost } from "../src/excel/host";
import { DEFAULT_OPTIONS } from "../src/taskpane/options";
import { fitAndWrite, readAndCheck, type Runner, type WorkflowEvents } from "../src/taskpane/workflow";
import { createInlineClient } from "../src/worker/inlineClient";
import type { RequestSize, SyncStats } from "../test/host/excel/context";
import { installGlobals } from "../test/host/office";
import { fakeExcel } from "../test/host/testHost";
import type { Platform } from "../test/host/workbook";

/** The bound the issue sets: syncs within 1.25× of the least number of requests the bytes need. */
export const ROUND_TRIP_TARGET = 1.25;

export type Phase = { syncs: number; requestBytes: number; responseBytes: number; requests: RequestSize[] };

export type RoundTripReport = {
  rows: number;
  columns: number;
  platform: Platform;
  /** Before the fit: locating the selection, reading it, checking the label column. */
  read: Phase;
  /** After the fit: labels, results sheet, tables, charts. */
  write: Phase;
  syncs: number;
  failedSyncs: number;
  requestBytes: number;
  responseBytes: number;
  /** The least number of requests that can carry these bytes (see leastRequests). */
  minimum: number;
  /** ceil(request bytes / cap) + ceil(response bytes / cap), the bytes alone. */
  bytesOnly: number;
  ratio: number;
  pass: boolean;
  seconds: number;
};

const ceilDiv = (bytes: number) => Math.ceil(bytes / PAYLOAD_CAP_BYTES);

/**
 * The least number of requests a Cluster click can make, counted in three parts that cannot share one:
 * - 1 to learn where the data is: its size is unknown until Excel answers, and asking for the values of
 *   a range of unknown size could exceed the cap (or the 5-million-cell read limit);
 * - ceil(bytes read / cap): every value must arrive before the fit can start, so the read phase's
 *   responses fill requests of their own;
 * - ceil(bytes written / cap): the labels and tables depend on the fit, so they go in later requests.
 * The cap is the documented "5 MB" read as 5,000,000 bytes: an add-in cannot know whether MiB is meant, so
 * that is the most it can put in one request safely (the test workbook refuses only above 5 MiB). The
 * read phase's requests and the write phase's responses are a few hundred bytes each and ride along.
 */
export function leastRequests(read: Phase, write: Phase): number {
  return 1 + ceilDiv(read.responseBytes) + ceilDiv(write.requestBytes);
}

type Mark = { syncs: number; requests: number };

function mark(stats: SyncStats): Mark {
  return { syncs: stats.syncs, requests: stats.requests.length };
}

function phase(stats: SyncStats, from: Mark, to: Mark): Phase {
  const requests = stats.requests.slice(from.requests, to.requests);
  return {
    syncs: to.syncs - from.syncs,
    requestBytes: requests.reduce((n, r) => n + r.requestBytes, 0),
    responseBytes: requests.reduce((n, r) => n + r.responseBytes, 0),
    requests,
  };
}

export async function measureRoundTrips(
  rows = 1_000_000,
  columns = 4,
  platform: Platform = "web",
  runner: Runner = createInlineClient(),
): Promise<RoundTripReport> {
  const f = fakeExcel({ platform });
  const uninstall = installGlobals(globalThis as unknown as Record<string, unknown>, f.host);
  try {
    f.workbook.fillRandom("Data", rows, columns);
    f.workbook.select("Data", `A1:${columnLetter(columns - 1)}${rows + 1}`);
    const deps = { host: createExcelHost(), runner };
    const events: WorkflowEvents = {
      onStage: () => undefined,
      onProgress: () => undefined,
      confirmOverwrite: async () => true,
    };
    const signal = new AbortController().signal;
    const options = { ...DEFAULT_OPTIONS };
    const stats = f.host.excel.stats;
    const start = mark(stats);
    const began = performance.now();
    const checked = await readAndCheck(deps, options, events, signal);
    if ("status" in checked) throw new Error("the label column of the bench sheet was not empty");
    const afterRead = mark(stats);
    await fitAndWrite(deps, checked, options, options.k, events, signal);
    const seconds = (performance.now() - began) / 1000;
    const read = phase(stats, start, afterRead);
    const write = phase(stats, afterRead, mark(stats));
    const syncs = read.syncs + write.syncs;
    const minimum = leastRequests(read, write);
    const requestBytes = read.requestBytes + write.requestBytes;
    const responseBytes = read.responseBytes + write.responseBytes;
    return {
      rows,
      columns,
      platform,
      read,
      write,
      syncs,
      failedSyncs: stats.failedSyncs,
      requestBytes,
      responseBytes,
      minimum,
      bytesOnly: ceilDiv(requestBytes) + ceilDiv(responseBytes),
      ratio: syncs / minimum,
      pass: syncs <= ROUND_TRIP_TARGET * minimum,
      seconds,
    };
  } finally {
    uninstall();
  }
}

/** How full the requests were: counts by the larger of request and response. */
export function sizeHistogram(requests: RequestSize[]): string {
  const buckets: [string, number][] = [
    ["< 10 KB", 10e3],
    ["< 1 MB", 1e6],
    ["< 4 MB", 4e6],
    ["≥ 4 MB", Infinity],
  ];
  const counts = buckets.map(() => 0);
  for (const r of requests) {
    const size = Math.max(r.requestBytes, r.responseBytes);
    counts[buckets.findIndex(([, limit]) => size < limit)]++;
  }
  return buckets.map(([name], i) => `${name}: ${counts[i]}`).join(", ");
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** The report's lines: the target first, then where the requests went. */
export function roundTripLines(r: RoundTripReport): string[] {
  const verdict = r.pass ? "[PASS]" : "[MISS]";
  return [
    `  ${verdict} Office round trips, ${r.rows.toLocaleString("en-US")}×${r.columns} clustered with defaults (${r.platform}) ` +
      `≤ ${ROUND_TRIP_TARGET}× the least requests : ${r.syncs} syncs for ${r.minimum} needed = ${r.ratio.toFixed(2)}×`,
    `     bytes moved: ${mb(r.requestBytes)} in requests, ${mb(r.responseBytes)} in responses ` +
      `(bytes alone need ${r.bytesOnly} requests of ≤ ${mb(PAYLOAD_CAP_BYTES)}); ${r.failedSyncs} refused`,
    `     read phase (locate, values, label column): ${r.read.syncs} syncs, ${mb(r.read.responseBytes)} received; ` +
      `sizes ${sizeHistogram(r.read.requests)}`,
    `     write phase (labels, results sheet, charts): ${r.write.syncs} syncs, ${mb(r.write.requestBytes)} sent; ` +
      `sizes ${sizeHistogram(r.write.requests)}`,
  ];
}

if (require.main === module) {
  const [rows, columns] = process.argv.slice(2).map(Number);
  measureRoundTrips(rows || undefined, columns || undefined).then(
    (r) => process.stdout.write(`${roundTripLines(r).join("\n")}\n   ${r.seconds.toFixed(1)} s\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
