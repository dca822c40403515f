/**
 * Office round trips of one Cluster click: a selection of the test workbook (test/host) read, clustered
 * with the pane's defaults and written back through the add-in's own Excel code (createExcelHost over
 * src/excel/read.ts and write.ts, driven by the pane's workflow, on Microsoft's Excel client), with the
 * engine on this thread. The test workbook counts every request it receives and the bytes of each request
 * and response, as Excel on the web would see them.
 *
 * After each Excel.run, Microsoft's client sends one more request of its own: the clean-up that releases
 * the ranges it kept during the run (`_RemoveReference`). The add-in does not wait for it (Excel.run has
 * resolved by then), so it is no round trip of the click; it is counted apart (cleanUps), and in `syncs`,
 * every request Excel received.
 *
 * Run alone: node -r ts-node/register/transpile-only bench/roundTrips.ts [rows] [columns]
 */
import { columnLetter } from "../src/excel/address";
import { PAYLOAD_CAP_BYTES } from "../src/excel/blocks";
import { createExcelHost } from "../src/excel/host";
import { DEFAULT_OPTIONS } from "../src/taskpane/options";
import { fitAndWrite, readAndCheck, type Runner, type WorkflowEvents } from "../src/taskpane/workflow";
import { createInlineClient } from "../src/worker/inlineClient";
import type { RequestSize, SyncStats } from "../test/host/server/protocol";
import { installGlobals } from "../test/host/office";
import { fakeExcel } from "../test/host/testHost";
import type { Platform } from "../test/host/workbook";

/**
 * The bound the issue sets: the click's round trips (the requests it waits for, its context.sync()s) within
 * 1.25× of the least number of requests the bytes need.
 */
export const ROUND_TRIP_TARGET = 1.25;

export type Phase = {
  /** Every request Excel received in the phase, the clean-up included. */
  syncs: number;
  /** Of those, the clean-up request Microsoft's client sends after an Excel.run (see above). */
  cleanUps: number;
  /** syncs − cleanUps: the requests the add-in waited for. */
  roundTrips: number;
  requestBytes: number;
  responseBytes: number;
  requests: RequestSize[];
};

export type RoundTripReport = {
  rows: number;
  columns: number;
  platform: Platform;
  /** Before the fit: locating the selection, reading it, checking the label column. */
  read: Phase;
  /** After the fit: labels, results sheet, tables, charts. */
  write: Phase;
  /** Every request Excel received. */
  syncs: number;
  /** Clean-up requests of Microsoft's client: one after each of the click's two Excel.runs. */
  cleanUps: number;
  /** The requests the click waited for: what the target bounds. */
  roundTrips: number;
  failedSyncs: number;
  requestBytes: number;
  responseBytes: number;
  /** The least number of requests that can carry these bytes (see leastRequests). */
  minimum: number;
  /** ceil(request bytes / cap) + ceil(response bytes / cap), the bytes alone. */
  bytesOnly: number;
  /** roundTrips / minimum. */
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

/** Excel.run's clean-up: a request of nothing but releases of kept objects. */
export function isCleanUp(request: RequestSize): boolean {
  return request.statements.length === 1 && request.statements[0] === "Workbook._RemoveReference";
}

function phase(stats: SyncStats, from: Mark, to: Mark): Phase {
  const requests = stats.requests.slice(from.requests, to.requests);
  const syncs = to.syncs - from.syncs;
  const cleanUps = requests.filter(isCleanUp).length;
  return {
    syncs,
    cleanUps,
    roundTrips: syncs - cleanUps,
    requestBytes: requests.reduce((n, r) => n + r.requestBytes, 0),
    responseBytes: requests.reduce((n, r) => n + r.responseBytes, 0),
    requests,
  };
}

/**
 * Resolves once Excel holds no object for the client: the clean-up request after an Excel.run, sent once
 * the run has resolved, has landed (so it is counted in the phase of its run).
 */
async function settled(stats: SyncStats, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (stats.trackedObjects > 0) {
    if (Date.now() > end) throw new Error("Excel.run's clean-up request did not arrive");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
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
    // The read's clean-up lands a moment after its Excel.run (during the fit, in the pane).
    await settled(stats);
    const afterRead = mark(stats);
    await fitAndWrite(deps, checked, options, options.k, events, signal);
    const seconds = (performance.now() - began) / 1000;
    await settled(stats);
    const read = phase(stats, start, afterRead);
    const write = phase(stats, afterRead, mark(stats));
    const syncs = read.syncs + write.syncs;
    const cleanUps = read.cleanUps + write.cleanUps;
    const roundTrips = syncs - cleanUps;
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
      cleanUps,
      roundTrips,
      failedSyncs: stats.failedSyncs,
      requestBytes,
      responseBytes,
      minimum,
      bytesOnly: ceilDiv(requestBytes) + ceilDiv(responseBytes),
      ratio: roundTrips / minimum,
      pass: roundTrips <= ROUND_TRIP_TARGET * minimum,
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
      `≤ ${ROUND_TRIP_TARGET}× the least requests : ${r.roundTrips} syncs for ${r.minimum} needed = ${r.ratio.toFixed(2)}×`,
    `     and ${r.cleanUps} clean-up requests Microsoft's client sent after the Excel.runs, not waited for: ` +
      `${r.syncs} requests in all`,
    `     bytes moved: ${mb(r.requestBytes)} in requests, ${mb(r.responseBytes)} in responses ` +
      `(bytes alone need ${r.bytesOnly} requests of ≤ ${mb(PAYLOAD_CAP_BYTES)}); ${r.failedSyncs} refused`,
    `     read phase (locate, values, label column): ${r.read.roundTrips} syncs, ${mb(r.read.responseBytes)} received; ` +
      `sizes ${sizeHistogram(r.read.requests)}`,
    `     write phase (labels, results sheet, charts): ${r.write.roundTrips} syncs, ${mb(r.write.requestBytes)} sent; ` +
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
