import {
  EngineError,
  calinskiHarabasz,
  clusterProfile,
  daviesBouldin,
  findKnee,
  fitScaler,
  kmeans,
  silhouetteScore,
  sweepK,
} from "../../src/engine";
import { runJob } from "../../src/worker/handler";
import type { Progress } from "../../src/worker/protocol";
import { FOUR_CENTRES, blobs, fitSettings, sweepSettings } from "./data";

const X = blobs(600, FOUR_CENTRES, 1.2, 1);

describe("runJob fit", () => {
  const settings = fitSettings();
  const { output, transfer } = runJob({ kind: "fit", X, settings }, () => {});
  const scaler = fitScaler(X, "standard");
  const Xs = scaler.transform(X);
  const direct = kmeans(Xs, { k: 4, nInit: 4, maxIter: 300, tol: 1e-4, seed: 7 });

  test("is the engine's fit on the scaled data, scored on it and profiled in original units, each cluster's sum of squares where the inertia is", () => {
    expect(output.kind).toBe("fit");
    expect(output.labels).toEqual(direct.labels);
    expect(output.inertia).toBe(direct.inertia);
    expect(output.runs).toEqual(direct.runs);
    expect(output.bestRun).toBe(direct.bestRun);
    expect(output.centersScaled).toEqual(direct.centers);
    expect(output.centers).toEqual(scaler.inverseTransform(direct.centers));
    expect(output.silhouette).toBe(silhouetteScore(Xs, direct.labels));
    expect(output.silhouetteSampled).toBe(false);
    expect(output.calinskiHarabasz).toBe(calinskiHarabasz(Xs, direct.labels));
    expect(output.daviesBouldin).toBe(daviesBouldin(Xs, direct.labels));
    expect(output.profile).toEqual(clusterProfile(X, direct.labels, 4, { X: Xs, centers: direct.centers }));
    expect(output.scaler).toEqual({
      method: "standard",
      offset: scaler.offset,
      scale: scaler.scale,
      constantColumns: [],
    });
    expect(output.warnings).toEqual([]);
  });

  test("transfers every typed array of the output (found by walking it), each buffer once", () => {
    const arrays: ArrayBufferView[] = [];
    const walk = (v: unknown): void => {
      if (ArrayBuffer.isView(v)) arrays.push(v);
      else if (typeof v === "object" && v !== null) Object.values(v).forEach(walk);
    };
    walk(output);
    // The labels, centres and scatter arrays among them, and the profile's and scaler's.
    expect(arrays.length).toBeGreaterThan(6);
    expect(new Set(transfer)).toEqual(new Set(arrays.map((a) => a.buffer)));
    expect(new Set(transfer).size).toBe(transfer.length);
  });

  test("the silhouette is sampled, with the fit's seed, above silhouetteSampleSize rows", () => {
    const sampled = runJob(
      { kind: "fit", X, settings: { ...settings, silhouetteSampleSize: 200 } },
      () => {},
    );
    expect(sampled.output.silhouetteSampled).toBe(true);
    expect(sampled.output.silhouette).toBe(silhouetteScore(Xs, direct.labels, { sampleSize: 200, seed: 7 }));
    const exact = runJob({ kind: "fit", X, settings: { ...settings, silhouetteSampleSize: 600 } }, () => {});
    expect(exact.output.silhouetteSampled).toBe(false);
  });

  test("progress goes by run and iteration, never backwards, and ends at 1", () => {
    const seen: Progress[] = [];
    runJob({ kind: "fit", X, settings: { ...settings, tol: 0 } }, (p) => seen.push(p));
    const fractions = seen.map((p) => p.fraction);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(seen[0]).toMatchObject({ run: 1, nInit: 4, iteration: 1, message: "Run 1 of 4, iteration 1" });
    expect(seen.some((p) => p.message === "Scoring the clustering" && p.fraction === 0.9)).toBe(true);
  });

  test("an engine error is thrown as the engine's EngineError", () => {
    const small = { data: X.data.slice(0, 9), rows: 3, cols: 3 };
    const run = () => runJob({ kind: "fit", X: small, settings }, () => {});
    expect(run).toThrow(EngineError);
    expect(run).toThrow("n_samples=3 should be >= k=4");
  });
});

describe("warnings and undefined scores", () => {
  test("the engine's warnings pass through; naming columns and clusters is left to the caller", () => {
    const data = Float64Array.from(X.data);
    for (let i = 0; i < X.rows; i++) data[i * 3 + 1] = 5;
    const { output } = runJob({ kind: "fit", X: { ...X, data }, settings: fitSettings() }, () => {});
    expect(output.scaler.constantColumns).toEqual([1]);
    expect(output.warnings).toEqual([]);
  });

  test("with one distinct label, or one row per cluster, the scores are null", () => {
    const same = { data: new Float64Array(20).fill(3), rows: 10, cols: 2 };
    const one = runJob({ kind: "fit", X: same, settings: fitSettings({ k: 2 }) }, () => {}).output;
    expect([one.silhouette, one.calinskiHarabasz, one.daviesBouldin]).toEqual([null, null, null]);
    expect(one.warnings.join(" ")).toContain("Number of distinct clusters (1) found smaller than k (2)");
    const few = { data: Float64Array.from([0, 0, 5, 5, 9, 1]), rows: 3, cols: 2 };
    const each = runJob({ kind: "fit", X: few, settings: fitSettings({ k: 3 }) }, () => {}).output;
    expect(new Set(each.labels).size).toBe(3);
    expect([each.silhouette, each.calinskiHarabasz, each.daviesBouldin]).toEqual([null, null, null]);
  });
});

describe("runJob sweep", () => {
  const settings = sweepSettings({ kMin: 2, kMax: 7, nInit: 2 });
  const seen: Progress[] = [];
  const { output, transfer } = runJob({ kind: "sweep", X, settings }, (p) => seen.push(p));
  const Xs = fitScaler(X, "standard").transform(X);

  test("is sweepK on the scaled data, with the elbow and the best silhouette", () => {
    const rows = sweepK(Xs, {
      kMin: 2,
      kMax: 7,
      nInit: 2,
      maxIter: 300,
      tol: 1e-4,
      seed: 7,
      silhouetteSampleSize: 10000,
    });
    expect(output.rows).toEqual(rows);
    expect(output.elbowK).toBe(
      findKnee(
        rows.map((r) => r.k),
        rows.map((r) => r.inertia),
      )!.k,
    );
    const scored = rows.filter((r) => r.silhouette !== null);
    const best = scored.reduce((a, b) => (b.silhouette! > a.silhouette! ? b : a));
    expect(output.bestSilhouetteK).toBe(best.k);
    expect(output.bestSilhouetteK).toBe(4);
    expect(transfer).toEqual([]);
  });

  test("reports progress per k, ending at 1", () => {
    expect(seen[seen.length - 1]).toMatchObject({ fraction: 1, k: 7, message: "Fitted k = 7" });
    for (let i = 1; i < seen.length; i++)
      expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
  });
});
