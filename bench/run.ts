/**
 * `npm run bench`: this engine against ml-kmeans, skmeans and single-threaded scikit-learn, from the
 * same starting centres on the same deterministic data, plus the exact silhouette and peak memory.
 * Progress goes to stderr; the report (one table, then targets and notes) goes to stdout.
 */
import { mkdtempSync, rmSync } from "fs";
import { endianness, tmpdir } from "os";
import { join } from "path";
import { measureRoundTrips, roundTripLines, type RoundTripReport } from "./roundTrips";
import { measureWorkerRoundTrip, type RoundTrip } from "./workerRoundTrip";
import { DEFAULT_N_INIT, DEFAULT_SEED, silhouetteScore, takeRows, toRows, type Matrix } from "../src/engine";
import { FULL_SCAN_MAX_K } from "../src/engine/wasm/backend";
import {
  makeBlobs,
  SPEC_A,
  SPEC_B,
  SPEC_C,
  SPEC_WARMUP,
  START_SEED,
  startIndices,
  writeMatrix,
  type BlobSpec,
} from "./data";
import { count, formatTable, labelDiff, mb, ms, passMiss, ratio, relDiff, seconds } from "./format";
import { measureMemory, type MemoryMode, type MemoryReport } from "./memory";
import { PYTHON, runSklearn, type SklearnFit, type SklearnRun } from "./sklearn";
import { benchSilhouette, silhouetteRows, silhouetteTarget, type SilhouetteBench } from "./silhouette";
import { progress, timeIt, type Timed } from "./timing";
import { benchDbscan, dbscanReport } from "./dbscan";
import {
  ENGINE_BACKEND,
  engineFromStart,
  engineKMeansPlusPlus,
  mlKmeansFromStart,
  mlKmeansPlusPlus,
  skmeansFromStart,
  type FitOutcome,
} from "./tools";

const KPP_SEED = 42;
const SILHOUETTE_ROWS = 20_000;

type DatasetResult = {
  spec: BlobSpec;
  X: Matrix;
  kppSeed: number;
  /** ml-kmeans's own k-means++ fit, measured on the fast-converging set only. */
  mlKpp?: Timed<FitOutcome>;
  hamerly: Timed<FitOutcome>;
  lloyd: Timed<FitOutcome>;
  kpp: Timed<FitOutcome>;
  ml: Timed<FitOutcome>;
  sk: Timed<FitOutcome>;
  sklearn: SklearnRun;
};

function describe(spec: BlobSpec): string {
  return `${count(spec.rows)}×${spec.cols}, k=${spec.k}`;
}

/** One fit of every JavaScript tool on a small set, so the timed fits run optimised code. */
function warmUp(): void {
  const X = makeBlobs(SPEC_WARMUP);
  const start = takeRows(X, startIndices(X.rows, SPEC_WARMUP.k));
  const fit = engineFromStart(X, start, "hamerly");
  engineFromStart(X, start, "lloyd");
  engineKMeansPlusPlus(X, SPEC_WARMUP.k, KPP_SEED);
  mlKmeansFromStart(toRows(X), toRows(start), 300);
  skmeansFromStart(toRows(X), toRows(start), 300);
  silhouetteScore(X, fit.labels, { backend: ENGINE_BACKEND });
}

function benchDataset(spec: BlobSpec, dir: string): DatasetResult {
  const X = makeBlobs(spec);
  const dataPath = join(dir, `${spec.name}.f64`);
  writeMatrix(dataPath, X);
  const startIdx = startIndices(X.rows, spec.k);
  const start = takeRows(X, startIdx);
  const label = `dataset ${spec.name} (${describe(spec)})`;

  progress(`${label}: engine hamerly`);
  const hamerly = timeIt(() => engineFromStart(X, start, "hamerly"));
  progress(`${label}: engine lloyd`);
  const lloyd = timeIt(() => engineFromStart(X, start, "lloyd"));
  progress(`${label}: engine k-means++`);
  const kppSeed = spec.kppSeed ?? KPP_SEED;
  const kpp = timeIt(() => engineKMeansPlusPlus(X, spec.k, kppSeed));

  // ml-kmeans and skmeans take number[][]: converted here, outside every timed region.
  const rows = toRows(X);
  const startRows = toRows(start);
  const iterations = lloyd.result.nIter;
  progress(`${label}: ml-kmeans (${iterations} iterations)`);
  const ml = timeIt(() => mlKmeansFromStart(rows, startRows, iterations));
  progress(`${label}: skmeans (at most ${iterations} iterations)`);
  const sk = timeIt(() => skmeansFromStart(rows, startRows, iterations));

  progress(`${label}: scikit-learn (best of 3, 1 thread)`);
  const sklearn = runSklearn(
    dataPath,
    { rows: X.rows, cols: X.cols, k: spec.k },
    [
      { name: "start", start: Array.from(startIdx) },
      { name: "kpp", seed: kppSeed },
    ],
    join(dir, `${spec.name}-labels-`),
  );
  return { spec, X, kppSeed, hamerly, lloyd, kpp, ml, sk, sklearn };
}

function fitRow(
  r: DatasetResult,
  tool: string,
  start: string,
  fit: { seconds: number; nIter: number; inertia: number; labels: Int32Array },
  reference: SklearnFit | undefined,
  note: string,
): string[] {
  return [
    `${r.spec.name} ${describe(r.spec)}`,
    tool,
    start,
    String(fit.nIter),
    seconds(fit.seconds),
    ms(fit.seconds / fit.nIter),
    fit.inertia.toExponential(6),
    reference ? relDiff(fit.inertia, reference.inertia) : "-",
    reference ? labelDiff(fit.labels, reference.labels) : "-",
    reference ? ratio(fit.seconds / reference.seconds) : "-",
    note,
  ];
}

function timedFit(t: Timed<FitOutcome>): FitOutcome & { seconds: number } {
  return { ...t.result, seconds: t.seconds };
}

function runsNote(t: Timed<FitOutcome>): string {
  return t.runs.length === 1 ? "1 run (≥ 10 s)" : `median of ${t.runs.length}`;
}

function datasetRows(r: DatasetResult): string[][] {
  const skStart = r.sklearn.ok ? r.sklearn.fits.start : undefined;
  const skKpp = r.sklearn.ok ? r.sklearn.fits.kpp : undefined;
  const shared = `shared (seed ${START_SEED})`;
  const kpp = `k-means++ seed ${r.kppSeed}`;
  const rows = [
    fitRow(r, "engine hamerly", shared, timedFit(r.hamerly), skStart, runsNote(r.hamerly)),
    fitRow(r, "engine lloyd", shared, timedFit(r.lloyd), skStart, runsNote(r.lloyd)),
    fitRow(
      r,
      "ml-kmeans 7",
      shared,
      timedFit(r.ml),
      skStart,
      `${runsNote(r.ml)}; tolerance 0, maxIterations = ${r.lloyd.result.nIter}`,
    ),
    fitRow(
      r,
      "skmeans 0.11",
      shared,
      timedFit(r.sk),
      skStart,
      `${runsNote(r.sk)}; maxit = ${r.lloyd.result.nIter}`,
    ),
  ];
  if (skStart) rows.push(fitRow(r, "scikit-learn lloyd", shared, skStart, skStart, "best of 3, 1 thread"));
  rows.push(fitRow(r, "engine k-means++ fit", kpp, timedFit(r.kpp), skKpp, `${runsNote(r.kpp)}; nInit 1`));
  if (r.mlKpp) {
    const note = `${runsNote(r.mlKpp)}; its own k-means++ draws, maxIterations 300`;
    rows.push(fitRow(r, "ml-kmeans 7 k-means++ fit", kpp, timedFit(r.mlKpp), skKpp, note));
  }
  if (skKpp)
    rows.push(fitRow(r, "scikit-learn k-means++ fit", kpp, skKpp, skKpp, "best of 3, 1 thread; n_init 1"));
  return rows;
}

async function main(): Promise<void> {
  const began = performance.now();
  if (endianness() !== "LE") throw new Error("the data files are written little-endian: run on a LE machine");
  const dir = mkdtempSync(join(tmpdir(), "kmeans-bench-"));
  try {
    progress("warming up every JavaScript tool on a small set");
    warmUp();
    const a = benchDataset(SPEC_A, dir);
    const b = benchDataset(SPEC_B, dir);
    const c = benchDataset(SPEC_C, dir);
    progress(`dataset C: ml-kmeans k-means++ fit (its own seeding)`);
    const cRows = toRows(c.X);
    c.mlKpp = timeIt(() => mlKmeansPlusPlus(cRows, SPEC_C.k, c.kppSeed));

    const sil = benchSilhouette(
      a.X,
      a.hamerly.result.labels,
      SILHOUETTE_ROWS,
      join(dir, `${SPEC_A.name}.f64`),
      dir,
    );

    progress(`worker round trip of a full fit job on A (${count(a.X.rows)}×${a.X.cols})`);
    const trip = await measureWorkerRoundTrip(a.X, SPEC_A.k);

    const memModes: MemoryMode[] = ["hamerly", "lloyd", "kmeans++", "defaults"];
    const mem = memModes.map((mode) => {
      progress(`peak memory of an engine fit on B in a fresh process: ${mode}`);
      return {
        mode,
        report: measureMemory({
          data: join(dir, `${SPEC_B.name}.f64`),
          rows: b.X.rows,
          cols: b.X.cols,
          k: SPEC_B.k,
          mode,
          start: Array.from(startIndices(b.X.rows, SPEC_B.k)),
        }),
      };
    });
    progress("Office round trips of a 1,000,000×4 Cluster click against the test workbook (web)");
    const trips = await measureRoundTrips(1_000_000, 4, "web");
    const dbscanBench = benchDbscan(dir);
    report([a, b, c], sil, mem, trip, trips, (performance.now() - began) / 1000);
    process.stdout.write("\n" + dbscanReport(dbscanBench));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MEMORY_LABELS: Record<MemoryMode, { tool: string; start: string }> = {
  hamerly: { tool: "engine memory: hamerly", start: `shared (seed ${START_SEED})` },
  lloyd: { tool: "engine memory: lloyd", start: `shared (seed ${START_SEED})` },
  "kmeans++": { tool: "engine memory: k-means++ fit", start: `k-means++ seed ${KPP_SEED}, nInit 1` },
  defaults: {
    tool: "engine memory: defaults",
    start: `k-means++ seed ${DEFAULT_SEED}, nInit ${DEFAULT_N_INIT}`,
  },
};

function report(
  sets: DatasetResult[],
  sil: SilhouetteBench,
  mem: { mode: MemoryMode; report: MemoryReport | { error: string } }[],
  trip: RoundTrip,
  trips: RoundTripReport,
  totalSeconds: number,
): void {
  const [a, b, c] = sets;
  const header = [
    "Dataset",
    "Tool",
    "Start",
    "Iter",
    "Fit s",
    "ms/iter",
    "Inertia",
    "Δinertia vs sk",
    "Labels vs sklearn",
    "Time ÷ sklearn",
    "Notes",
  ];
  const memRows = mem.map(({ mode, report: m }) => {
    const base = [`${b.spec.name} ${describe(b.spec)}`, MEMORY_LABELS[mode].tool, MEMORY_LABELS[mode].start];
    if ("error" in m) return [...base, "-", "-", "-", "-", "-", "-", "-", `failed: ${m.error}`];
    const x = (bytes: number): string => `${(bytes / m.inputBytes).toFixed(2)}×`;
    return [
      ...base,
      String(m.nIter),
      "-",
      "-",
      "-",
      "-",
      "-",
      "-",
      `arrayBuffers peak +${mb(m.peakArrayBuffersBytes)} (${x(m.peakArrayBuffersBytes)}); ` +
        `RSS peak +${mb(m.peakRssBytes)} (${x(m.peakRssBytes)})${m.hwmReset ? "" : " [VmHWM not reset]"}; ` +
        `result ${mb(m.retainedArrayBuffersBytes)}`,
    ];
  });
  const out: string[] = [];
  out.push("K-Means for Excel engine benchmark");
  for (const r of sets) {
    out.push(
      `  ${r.spec.name}: ${describe(r.spec)}, blob centres uniform in [-${r.spec.halfWidth}, ${r.spec.halfWidth}]^${r.spec.cols}, ` +
        `std ${r.spec.std}, data seed ${r.spec.seed}; Lloyd from the shared start: ${r.lloyd.result.nIter} iterations`,
    );
  }
  out.push("");
  out.push(
    formatTable(
      header,
      [datasetRows(a), datasetRows(b), datasetRows(c), silhouetteRows(sil, a.spec.name), memRows],
      [0, 1, 2, 8, 10],
    ),
  );
  out.push("");

  out.push("Targets");
  const skOk = sets.every((r) => r.sklearn.ok);
  const perSet = (f: (r: DatasetResult) => number): number[] => sets.map(f);
  const fmt = (vals: number[], suffix = ""): string =>
    sets.map((r, i) => `${r.spec.name} ${ratio(vals[i])}${suffix}`).join(", ");
  const skSeconds = (r: DatasetResult, job: "start" | "kpp"): number =>
    r.sklearn.ok ? r.sklearn.fits[job].seconds : NaN;
  if (skOk) {
    const h = perSet((r) => r.hamerly.seconds / skSeconds(r, "start"));
    out.push(
      `  ${passMiss(h.every((v) => v <= 1))} engine hamerly fit ÷ sklearn, same start  ≤ 1.0 : ${fmt(h)}`,
    );
    const k = perSet((r) => r.kpp.seconds / skSeconds(r, "kpp"));
    out.push(
      `  ${passMiss(k.every((v) => v <= 1.5))} k-means++ full fit ÷ sklearn           ≤ 1.5 : ${fmt(k)}`,
    );
    if (c.sklearn.ok) {
      const v = c.kpp.seconds / skSeconds(c, "kpp");
      out.push(
        `  ${passMiss(v <= 1)} ${c.spec.name} (fast-converging) k-means++ full fit ÷ sklearn ≤ 1.0 : ${ratio(v)} ` +
          `(engine ${ms(c.kpp.seconds)} ms, ${c.kpp.result.nIter} iterations; scikit-learn ${ms(skSeconds(c, "kpp"))} ms)`,
      );
    }
  } else {
    out.push("  [n/a ] engine ÷ scikit-learn targets: scikit-learn was not measured (see notes)");
  }
  if (c.mlKpp) {
    const v = c.mlKpp.seconds / c.kpp.seconds;
    out.push(
      `  ${passMiss(v >= 10)} ${c.spec.name} (fast-converging) k-means++ full fit vs ml-kmeans's ≥ 10× faster : ${ratio(v)}× ` +
        `(ml-kmeans ${ms(c.mlKpp.seconds)} ms, ${c.mlKpp.result.nIter} iterations)`,
    );
  }
  const speed = perSet((r) => r.ml.seconds / r.hamerly.seconds);
  out.push(
    `  ${passMiss(speed.every((v) => v >= 10))} engine hamerly vs ml-kmeans, same start ≥ 10× faster : ${fmt(speed, "×")}` +
      ` (per iteration: ${sets.map((r) => `${r.spec.name} ${ratio(r.ml.seconds / r.ml.result.nIter / (r.hamerly.seconds / r.hamerly.result.nIter))}×`).join(", ")})`,
  );
  out.push(silhouetteTarget(sil));
  // WASM linear memory is not in arrayBuffers, and RSS misses nothing the process touched: judge by the larger.
  const peak = (m: MemoryReport) => Math.max(m.peakArrayBuffersBytes, m.peakRssBytes) / m.inputBytes;
  const memOk = mem.map(({ report: m }) => ("error" in m ? undefined : peak(m) <= 3));
  out.push(
    `  ${passMiss(memOk.includes(undefined) ? undefined : memOk.every(Boolean))} peak memory beyond input (max of arrayBuffers, RSS), B ≤ 3× input : ` +
      mem
        .map(({ mode, report: m }, i) =>
          "error" in m ? `${mode} failed` : `${mode} ${peak(m).toFixed(2)}×${memOk[i] ? "" : " (MISS)"}`,
        )
        .join(", "),
  );
  out.push(...roundTripLines(trips));
  out.push("");

  out.push("Agreement with scikit-learn");
  if (!sets.some((r) => r.sklearn.ok)) out.push("  not measured (see notes)");
  for (const r of sets) {
    if (!r.sklearn.ok) continue;
    const { start, kpp } = r.sklearn.fits;
    out.push(
      `  ${r.spec.name}: shared start: labels ${labelDiff(r.hamerly.result.labels, start.labels)} (hamerly), ` +
        `${labelDiff(r.lloyd.result.labels, start.labels)} (lloyd); iterations ${r.hamerly.result.nIter} vs ${start.nIter}; ` +
        `inertia rel. diff ${relDiff(r.hamerly.result.inertia, start.inertia)}`,
    );
    out.push(
      `     k-means++ seed ${r.kppSeed}: labels ${labelDiff(r.kpp.result.labels, kpp.labels)}; ` +
        `iterations ${r.kpp.result.nIter} vs ${kpp.nIter}; inertia rel. diff ${relDiff(r.kpp.result.inertia, kpp.inertia)}`,
    );
  }
  out.push("");

  out.push("Notes");
  out.push(
    sets[0].kpp.result.backend === "wasm"
      ? `  - engine backend: WebAssembly SIMD (src/engine/wasm; "hamerly" runs Lloyd's passes for k ≤ ${FULL_SCAN_MAX_K}). ` +
          "Its linear memory (copy of X, labels, bounds) is not counted in arrayBuffers: read the RSS peak."
      : `  - engine backend: JavaScript kernels (KMEANS_BACKEND=${process.env.KMEANS_BACKEND ?? "unset"}, or WebAssembly SIMD unavailable)`,
  );
  const sk = sets.find((r) => r.sklearn.ok)?.sklearn;
  if (sk && sk.ok) {
    out.push(
      `  - scikit-learn: ${sk.version}, ${PYTHON}, OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset, under threadpool_limits(1): ${sk.threadpools}`,
    );
    out.push(
      "    KMeans(init=<start rows> or 'k-means++', n_init=1, algorithm='lloyd', tol=1e-4, max_iter=300).fit(X), best of 3.",
    );
  }
  for (const r of sets) {
    if (!r.sklearn.ok) out.push(`  - scikit-learn was not measured on ${r.spec.name}: ${r.sklearn.reason}`);
  }
  out.push(
    "  - Engine: tol=1e-4 × mean column variance, maxIter 300, as scikit-learn. JS times: performance.now(), median of 3",
    "    (one run when the first takes ≥ 10 s), after one warm-up fit of every tool on a 5,000×4 set.",
    "  - ml-kmeans and skmeans take number[][]: X was converted with toRows() outside the timed region. Neither has",
    "    scikit-learn's tol, so both were capped at the engine's Lloyd iteration count (ml-kmeans with tolerance 0);",
    "    their inertia is against their last centres, without scikit-learn's final re-assignment.",
    "  - ms/iter = fit time ÷ iterations (k-means++ rows include the seeding).",
    `  - Memory (multiples of the ${mb(b.X.data.byteLength)} input): each fit runs in a fresh node process that reads B`,
    "    from a file; baseline after GC with the input loaded. arrayBuffers = process.memoryUsage().arrayBuffers,",
    "    sampled at every iteration and after the fit (garbage not yet collected counts); RSS peak = VmHWM, reset",
    `    via /proc/self/clear_refs at the baseline. The defaults row is kmeans(X, {k}) (nInit ${DEFAULT_N_INIT}).`,
  );
  out.push(
    `  - Worker round trip, full fit job on A (scale, 10 k-means++ runs, scoring, scatter): ` +
      `${seconds(trip.workerSeconds)} s through a worker thread vs ${seconds(trip.inlineSeconds)} s on the ` +
      `calling thread: a difference of ${seconds(trip.overheadSeconds)} s for copying X in and results out ` +
      "(within run-to-run noise when it is near zero or negative).",
  );
  out.push(
    `  - Office round trips: the pane's Cluster flow (src/taskpane/workflow.ts over createExcelHost) on a`,
    "    test-workbook sheet of fillRandom data, the engine on this thread; the least requests are 1 to locate",
    "    the data + ceil(bytes read ÷ 5 MB) + ceil(bytes written ÷ 5 MB) (see bench/roundTrips.ts leastRequests);",
    `    ${trips.seconds.toFixed(1)} s including the fit.`,
  );
  out.push(`  - Total bench time ${totalSeconds.toFixed(0)} s.`);
  process.stdout.write(out.join("\n") + "\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
