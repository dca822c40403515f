import { writeFileSync } from "fs";
import { join } from "path";
import { silhouetteScore, takeRows, type Matrix } from "../src/engine";
import { count, passMiss, ratio, seconds } from "./format";
import { runSklearn, type SklearnScore } from "./sklearn";
import { progress, timeIt, type Timed } from "./timing";
import { ENGINE_BACKEND } from "./tools";

/** The exact silhouette of a set's first rows: the engine and single-threaded scikit-learn, one run. */
export type SilhouetteBench = {
  rows: number;
  cols: number;
  engine: Timed<number>;
  sklearn: SklearnScore | { reason: string };
};

/** The engine must take at most this share of scikit-learn's single-thread time. */
export const SILHOUETTE_TARGET = 0.5;

/**
 * Times silhouetteScore on X's first `rows` rows under `labels`, then scikit-learn's silhouette_score
 * on the same rows and labels (the set's file in `dir`, written by the dataset's bench).
 */
export function benchSilhouette(
  X: Matrix,
  labels: Int32Array,
  rows: number,
  dataPath: string,
  dir: string,
): SilhouetteBench {
  progress(`silhouette of the first ${count(rows)} rows: engine`);
  const sub = takeRows(
    X,
    Array.from({ length: rows }, (_, i) => i),
  );
  const subLabels = labels.subarray(0, rows);
  const engine = timeIt(() => silhouetteScore(sub, subLabels, { backend: ENGINE_BACKEND }));
  progress(`silhouette of the first ${count(rows)} rows: scikit-learn (best of 3, 1 thread)`);
  const labelsPath = join(dir, "silhouette-labels.i32");
  writeFileSync(labelsPath, new Uint8Array(subLabels.buffer, subLabels.byteOffset, subLabels.byteLength));
  const sk = runSklearn(
    dataPath,
    { rows: X.rows, cols: X.cols, k: 0 },
    [{ name: "silhouette", silhouette: { rows, labels: labelsPath } }],
    join(dir, "silhouette-"),
  );
  return {
    rows,
    cols: X.cols,
    engine,
    sklearn: sk.ok ? sk.scores.silhouette : { reason: sk.reason },
  };
}

/** The table's rows: the engine's, then scikit-learn's when it ran. */
export function silhouetteRows(s: SilhouetteBench, set: string): string[][] {
  const dataset = `${set}[:${count(s.rows)}] ×${s.cols}`;
  const sk = "score" in s.sklearn ? s.sklearn : undefined;
  const runs = s.engine.runs.length === 1 ? "1 run" : `median of ${s.engine.runs.length}`;
  const rows = [
    [
      dataset,
      "engine silhouetteScore",
      "labels: hamerly",
      "-",
      seconds(s.engine.seconds),
      "-",
      "-",
      "-",
      "-",
      sk ? ratio(s.engine.seconds / sk.seconds) : "-",
      `exact; score ${s.engine.result.toFixed(6)}` +
        (sk ? `, |Δ| vs sklearn ${Math.abs(s.engine.result - sk.score).toExponential(1)}` : "") +
        `; ${runs}`,
    ],
  ];
  if (sk) {
    rows.push([
      dataset,
      "scikit-learn silhouette_score",
      "labels: hamerly",
      "-",
      seconds(sk.seconds),
      "-",
      "-",
      "-",
      "-",
      "1.00",
      `score ${sk.score.toFixed(6)}; best of 3, 1 thread`,
    ]);
  }
  return rows;
}

/** The target line: engine time, scikit-learn's and their ratio, measured in this run. */
export function silhouetteTarget(s: SilhouetteBench): string {
  const label = `exact silhouette of ${count(s.rows)} rows ÷ sklearn`;
  if (!("score" in s.sklearn)) {
    return `  ${passMiss(undefined)} ${label} ≤ ${SILHOUETTE_TARGET} : engine ${seconds(s.engine.seconds)} s; scikit-learn not measured (${s.sklearn.reason})`;
  }
  const r = s.engine.seconds / s.sklearn.seconds;
  return (
    `  ${passMiss(r <= SILHOUETTE_TARGET)} ${label}  ≤ ${SILHOUETTE_TARGET} : ${ratio(r)} ` +
    `(engine ${seconds(s.engine.seconds)} s, scikit-learn ${seconds(s.sklearn.seconds)} s)`
  );
}
