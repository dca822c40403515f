/** Small builders for ranges, fits and run records, so each test states only what it is about. */
import {
  anova,
  clusterProfile,
  clusterZScores,
  fitScaler,
  rowDiagnostics,
  type Matrix,
} from "../../src/engine";
import { isDataError, prepareData, type DataError } from "../../src/excel/prepare";
import type { PreparedData, RawRange, RunRecord } from "../../src/excel/types";
import { silhouetteDetail } from "../../src/analysis/silhouette";
import type { KMeansReport, KMeansSettings, SweepReport } from "../../src/model";
import { scatterData } from "../../src/analysis/scatter";

/** Excel's valueTypes for plain JS values as Office.js returns them ("" is an empty cell). */
export function typeOf(v: unknown): string {
  if (v === "" || v === null || v === undefined) return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  if (typeof v === "string" && v.startsWith("#")) return "Error";
  return "String";
}

export function rawFrom(
  values: unknown[][],
  place: { sheetName?: string; firstRow?: number; firstColumn?: number; hiddenRows?: boolean[] } = {},
): RawRange {
  const sheetName = place.sheetName ?? "Sheet1";
  return {
    address: `${sheetName}!A1`,
    sheetName,
    firstRow: place.firstRow ?? 0,
    firstColumn: place.firstColumn ?? 0,
    values: values.map((r) => r.map((v) => (v === null ? "" : v))),
    valueTypes: values.map((r) => r.map(typeOf)),
    hiddenRows: place.hiddenRows,
  };
}

export const SETTINGS: KMeansSettings = {
  k: 2,
  scaling: "standard",
  nInit: 10,
  maxIter: 300,
  tol: 1e-4,
  seed: 42,
  silhouetteSampleSize: 1000,
};

/**
 * A fit with the given labels: centres are the cluster means, as a converged k-means would give; the
 * silhouette by cluster and the scatter (PCA of the standard-scaled data) are computed as the worker would.
 */
export function fitFor(
  prepared: PreparedData,
  labels: number[],
  k: number,
  extra: Partial<KMeansReport> = {},
): KMeansReport {
  const X = prepared.X;
  const profile = clusterProfile(X, labels, k);
  const centers: Matrix = { data: new Float64Array(k * X.cols), rows: k, cols: X.cols };
  profile.forEach((p, c) => centers.data.set(p.mean, c * X.cols));
  const scaler = fitScaler(X, "standard");
  const Xs = scaler.transform(X);
  const codes = Int32Array.from(labels);
  return {
    kind: "fit",
    clusterer: "kmeans",
    clusterCount: k,
    labels: Int32Array.from(labels),
    centersScaled: centers,
    centers,
    inertia: 12.5,
    nIter: 4,
    converged: true,
    bestRun: 0,
    runs: [],
    warnings: [],
    silhouette: 0.61,
    silhouetteSampled: false,
    calinskiHarabasz: 88.2,
    daviesBouldin: 0.42,
    profile,
    scaler: {
      method: "standard",
      offset: scaler.offset,
      scale: scaler.scale,
      constantColumns: scaler.constantColumns,
    },
    silhouetteByCluster: silhouetteDetail(Xs, codes, k, 1000, 42).byCluster,
    scatter: scatterData(X, Xs, codes, centers, scaler.transform(centers), { seed: 42 }),
    // The analysis leaves ANOVA out where it is undefined: one cluster, or no more rows than clusters.
    meaning: {
      anova: new Set(labels).size >= 2 && labels.length > new Set(labels).size ? anova(Xs, codes) : null,
      zScores: clusterZScores(Xs, codes, k),
    },
    diagnostics: {
      ...rowDiagnostics(Xs, codes, scaler.transform(centers)),
      silhouette: silhouetteDetail(Xs, codes, k, 1000, 42).samples,
    },
    ...extra,
  };
}

export function recordFor(prepared: PreparedData, settings: Partial<KMeansSettings> = {}): RunRecord {
  return {
    version: "0.1.0",
    date: "2024-05-01T10:00:00.000Z",
    sourceAddress: prepared.source.address,
    header: "auto",
    excludedColumns: [],
    featureNames: prepared.features.map((c) => prepared.columns[c].name),
    settings: { ...SETTINGS, ...settings },
  };
}

/** A header row over rows of numbers, with the sheet address Excel would report. */
export function sampleTable(header: string[], rows: number[][], sheetName = "Sheet1") {
  const values: unknown[][] = [header, ...rows];
  const raw = rawFrom(values, { sheetName });
  const last = String.fromCharCode(64 + header.length);
  raw.address = `${sheetName}!A1:${last}${values.length}`;
  return { values, raw, prepared: prepareData(raw) };
}

/** A k sweep's output: inertia falling with an elbow at 3, silhouette best at 3, undefined at k = 1. */
export function sweepFor(kMin = 1, kMax = 8, extra: Partial<SweepReport> = {}): SweepReport {
  const rows = [];
  for (let k = kMin; k <= kMax; k++) {
    rows.push({
      k,
      inertia: k === 1 ? 300 : k === 2 ? 150 : 40 + (8 - k) * 2,
      silhouette: k === 1 ? null : k === 3 ? 0.72 : 0.5 - k / 50,
      calinskiHarabasz: k === 1 ? null : 100 + k,
      daviesBouldin: k === 1 ? null : 0.3 + k / 10,
      nIter: 5,
      converged: true,
      silhouetteSampled: false,
    });
  }
  return { kind: "sweep", rows, elbowK: 3, bestSilhouetteK: 3, ...extra };
}

/** The DataError f throws; fails the test when it throws something else or nothing. */
export function dataError(f: () => unknown): DataError {
  try {
    f();
  } catch (e) {
    expect(isDataError(e)).toBe(true);
    return e as DataError;
  }
  throw new Error("expected a DataError");
}
