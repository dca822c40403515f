/**
 * The DBSCAN part of `npm run bench`: the engine against single-threaded scikit-learn on 100,000 × 2 and
 * 50,000 × 8 blobs, and against npm's density-clustering on the first rows of each (its DBSCAN compares
 * every pair, so the whole sets would take hours). Run alone with
 * `node -r ts-node/register/transpile-only bench/dbscan.ts`.
 */
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DBSCAN as DensityDBSCAN } from "density-clustering";
import { dbscan, takeRows, toRows, type DbscanResult, type Matrix } from "../src/engine";
import { makeBlobs, writeMatrix, type BlobSpec } from "./data";
import { count, formatTable, labelDiff, passMiss, ratio, seconds } from "./format";
import { readInt32, runBenchScript } from "./sklearn";
import { progress, timeIt, type Timed } from "./timing";

export type DbscanSpec = BlobSpec & { eps: number; minSamples: number };

/** Eight blobs in a 40 × 40 square: seven clusters (two blobs touch), about 2% noise. */
export const DBSCAN_2D: DbscanSpec = {
  name: "DB2",
  rows: 100_000,
  cols: 2,
  k: 8,
  halfWidth: 20,
  std: 1,
  seed: 11,
  eps: 0.25,
  minSamples: 20,
};
/** Eight blobs in 8-D: eight clusters, about 12% noise (the blobs' thin outer shells). */
export const DBSCAN_8D: DbscanSpec = {
  name: "DB8",
  rows: 50_000,
  cols: 8,
  k: 8,
  halfWidth: 10,
  std: 1,
  seed: 12,
  eps: 1.6,
  minSamples: 10,
};
/** density-clustering's share of each set: its first rows. */
export const DENSITY_ROWS = 5_000;

type SklearnDbscan = {
  seconds: number;
  labels: Int32Array;
  core: Int32Array;
  nClusters: number;
  nNoise: number;
};

type SetResult = {
  spec: DbscanSpec;
  engine: Timed<DbscanResult>;
  sklearn: SklearnDbscan | { reason: string; version?: undefined };
  version?: string;
  /** The first DENSITY_ROWS rows, with eps grown so a neighbourhood holds about as many rows as in the whole set. */
  sub: { rows: number; eps: number; engine: Timed<DbscanResult>; density: Timed<Int32Array> };
};

export type DbscanBench = { sets: SetResult[] };

const best = (t: Timed<unknown>): number => Math.min(...t.runs);

export function benchDbscan(dir: string): DbscanBench {
  progress("DBSCAN: warming up the engine and density-clustering");
  const warm = makeBlobs({ ...DBSCAN_2D, rows: 2_000, seed: 3 });
  dbscan(warm, { eps: 1, minSamples: 5 });
  densityLabels(toRows(warm).slice(0, 500), 1, 5);
  return { sets: [DBSCAN_2D, DBSCAN_8D].map((spec) => benchSet(spec, dir)) };
}

function benchSet(spec: DbscanSpec, dir: string): SetResult {
  const X = makeBlobs(spec);
  const label = `DBSCAN ${spec.name} (${count(spec.rows)}×${spec.cols}, eps ${spec.eps}, minSamples ${spec.minSamples})`;
  progress(`${label}: engine`);
  const engine = timeIt(() => dbscan(X, { eps: spec.eps, minSamples: spec.minSamples }), 3, Infinity);
  progress(`${label}: scikit-learn (best of 3, n_jobs=1)`);
  const dataPath = join(dir, `${spec.name}.f64`);
  writeMatrix(dataPath, X);
  const sk = runSklearnDbscan(dataPath, X, spec, join(dir, `${spec.name}-`));

  const rows = Math.min(DENSITY_ROWS, X.rows);
  const sub = takeRows(
    X,
    Array.from({ length: rows }, (_, i) => i),
  );
  const eps = spec.eps * (X.rows / rows) ** (1 / X.cols);
  const subRows = toRows(sub);
  progress(`${label}: engine and density-clustering on the first ${count(rows)} rows, eps ${eps.toFixed(3)}`);
  const subEngine = timeIt(() => dbscan(sub, { eps, minSamples: spec.minSamples }), 3, Infinity);
  const density = timeIt(() => densityLabels(subRows, eps, spec.minSamples), 3, Infinity);
  return {
    spec,
    engine,
    sklearn: "reason" in sk ? sk : sk.fit,
    version: "reason" in sk ? undefined : sk.version,
    sub: { rows, eps, engine: subEngine, density },
  };
}

/** density-clustering's clusters as labels: a row in cluster c gets c, every other row -1. */
function densityLabels(rows: number[][], eps: number, minSamples: number): Int32Array {
  const clusters = new DensityDBSCAN().run(rows, eps, minSamples);
  const labels = new Int32Array(rows.length).fill(-1);
  clusters.forEach((members, c) => {
    for (const i of members) labels[i] = c;
  });
  return labels;
}

/** bench/sklearn_bench.py's "dbscan" job; never throws, a failure becomes { reason }. */
function runSklearnDbscan(
  dataPath: string,
  X: Matrix,
  spec: DbscanSpec,
  prefix: string,
): { fit: SklearnDbscan; version: string } | { reason: string } {
  const job = { name: "dbscan", dbscan: { eps: spec.eps, min_samples: spec.minSamples } };
  const args = {
    data: dataPath,
    rows: X.rows,
    cols: X.cols,
    k: 0,
    jobs: [job],
    labelsPrefix: prefix,
    repeats: 3,
  };
  const run = runBenchScript<{
    error?: string;
    sklearn: string;
    numpy: string;
    jobs: Record<string, { seconds: number; n_clusters: number; n_noise: number }>;
  }>(args, 1_800_000);
  if (!run.ok) return { reason: run.reason };
  const out = run.out;
  const j = out.jobs.dbscan;
  return {
    fit: {
      seconds: j.seconds,
      labels: readInt32(`${prefix}dbscan.i32`),
      core: readInt32(`${prefix}dbscan.core.i32`),
      nClusters: j.n_clusters,
      nNoise: j.n_noise,
    },
    version: `scikit-learn ${out.sklearn}, numpy ${out.numpy}`,
  };
}

function sameCores(a: Int32Array, b: Int32Array): string {
  if (a.length !== b.length) return `${count(a.length)} vs ${count(b.length)} core rows`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `differ from row ${a[i]}`;
  return "identical";
}

/** The DBSCAN section of the report: a table, the targets, the agreement and notes. */
export function dbscanReport(b: DbscanBench): string {
  const header = [
    "Dataset",
    "Tool",
    "eps",
    "minSamples",
    "Fit s (best)",
    "Clusters",
    "Noise",
    "Core",
    "Labels vs reference",
    "Time ratio",
    "Notes",
  ];
  const groups = b.sets.map((r) => {
    const { spec, engine, sklearn: sk, sub } = r;
    const set = `${spec.name} ${count(spec.rows)}×${spec.cols}`;
    const e = engine.result;
    const skOk = "labels" in sk ? sk : undefined;
    const rows = [
      [
        set,
        "engine dbscan",
        String(spec.eps),
        String(spec.minSamples),
        seconds(best(engine)),
        String(e.nClusters),
        count(e.nNoise),
        count(e.coreSampleIndices.length),
        skOk ? `${labelDiff(e.labels, skOk.labels)} (vs sklearn)` : "-",
        skOk ? `${ratio(best(engine) / skOk.seconds)} of sklearn` : "-",
        `best of ${engine.runs.length}`,
      ],
    ];
    if (skOk) {
      rows.push([
        set,
        "scikit-learn DBSCAN",
        String(spec.eps),
        String(spec.minSamples),
        seconds(skOk.seconds),
        String(skOk.nClusters),
        count(skOk.nNoise),
        count(skOk.core.length),
        "-",
        "-",
        "best of 3, n_jobs=1, 1 thread",
      ]);
    }
    const subSet = `${spec.name}[:${count(sub.rows)}]`;
    const se = sub.engine.result;
    const densityClusters = Math.max(-1, ...sub.density.result) + 1;
    rows.push(
      [
        subSet,
        "engine dbscan",
        sub.eps.toFixed(3),
        String(spec.minSamples),
        seconds(best(sub.engine)),
        String(se.nClusters),
        count(se.nNoise),
        count(se.coreSampleIndices.length),
        "-",
        "-",
        `best of ${sub.engine.runs.length}`,
      ],
      [
        subSet,
        "density-clustering 1.3.0",
        sub.eps.toFixed(3),
        String(spec.minSamples),
        seconds(best(sub.density)),
        String(densityClusters),
        count(sub.density.result.filter((l) => l < 0).length),
        "-",
        `${labelDiff(se.labels, sub.density.result)} (vs engine)`,
        `engine ${ratio(best(sub.engine) / best(sub.density))} of it`,
        `best of ${sub.density.runs.length}; all pairs`,
      ],
    );
    return rows;
  });
  const out: string[] = [];
  out.push("DBSCAN");
  for (const { spec } of b.sets) {
    out.push(
      `  ${spec.name}: ${count(spec.rows)}×${spec.cols}, ${spec.k} blobs with centres uniform in ` +
        `[-${spec.halfWidth}, ${spec.halfWidth}]^${spec.cols}, std ${spec.std}, data seed ${spec.seed}`,
    );
  }
  out.push("");
  out.push(formatTable(header, groups, [0, 1, 8, 9, 10]));
  out.push("");
  out.push("DBSCAN targets");
  const ratios = b.sets.map((r) => ("labels" in r.sklearn ? best(r.engine) / r.sklearn.seconds : undefined));
  if (ratios.every((v) => v !== undefined)) {
    out.push(
      `  ${passMiss(ratios.every((v) => v! <= 1))} engine dbscan ÷ sklearn DBSCAN(n_jobs=1)      ≤ 1.0 : ` +
        b.sets.map((r, i) => `${r.spec.name} ${ratio(ratios[i]!)}`).join(", "),
    );
  } else {
    out.push("  [n/a ] engine ÷ scikit-learn: scikit-learn was not measured (see notes)");
  }
  out.push(
    `  [info] engine dbscan ÷ density-clustering, first ${count(DENSITY_ROWS)} rows : ` +
      b.sets
        .map(
          (r) =>
            `${r.spec.name} ${ratio(best(r.sub.engine) / best(r.sub.density))} (${ratio(best(r.sub.density) / best(r.sub.engine))}× faster)`,
        )
        .join(", "),
  );
  out.push("");
  out.push("DBSCAN agreement with scikit-learn");
  for (const r of b.sets) {
    if (!("labels" in r.sklearn)) {
      out.push(`  ${r.spec.name}: not measured: ${r.sklearn.reason}`);
      continue;
    }
    out.push(
      `  ${r.spec.name}: labels ${labelDiff(r.engine.result.labels, r.sklearn.labels)}; core rows ` +
        `${sameCores(r.engine.result.coreSampleIndices, r.sklearn.core)}; clusters ${r.engine.result.nClusters} vs ` +
        `${r.sklearn.nClusters}; noise ${count(r.engine.result.nNoise)} vs ${count(r.sklearn.nNoise)}`,
    );
  }
  out.push("");
  out.push("DBSCAN notes");
  const version = b.sets.find((r) => r.version)?.version;
  if (version)
    out.push(
      `  - ${version}; DBSCAN(eps, min_samples, n_jobs=1).fit(X) under threadpool_limits(1), best of 3.`,
    );
  out.push(
    "  - Engine: best of 3 runs (performance.now()), after a warm-up fit; density-clustering likewise.",
    `  - density-clustering 1.3.0 compares every pair of rows (and merges neighbourhoods with indexOf), so it ran on`,
    `    the first ${count(DENSITY_ROWS)} rows of each set only, with eps × (rows ÷ ${count(DENSITY_ROWS)})^(1/cols) so neighbourhoods`,
    "    hold about as many rows as in the whole set; the engine ran on the same rows and eps. It counts",
    "    distance < eps (scikit-learn and the engine: <=), which only matters at exact ties.",
  );
  return out.join("\n") + "\n";
}

if (require.main === module) {
  const dir = mkdtempSync(join(tmpdir(), "dbscan-bench-"));
  try {
    process.stdout.write(dbscanReport(benchDbscan(dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
