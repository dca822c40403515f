import { createRandomState } from "../../src/engine";
import type { WireMatrix } from "../../src/worker/protocol";
import type { KMeansSettings, SweepSettings } from "../../src/model";

/** Gaussian blobs around the given centres, rows dealt round-robin, reproducible from the seed. */
export function blobs(n: number, centres: number[][], spread: number, seed: number): WireMatrix {
  const rs = createRandomState(seed);
  const d = centres[0].length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = centres[i % centres.length];
    for (let j = 0; j < d; j++) {
      const u = 1 - rs.randomSample();
      const v = rs.randomSample();
      data[i * d + j] = c[j] + spread * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
  }
  return { data, rows: n, cols: d };
}

/** Uniform noise: no cluster structure, so k-means iterates long (for cancellation). */
export function noise(n: number, d: number, seed: number): WireMatrix {
  const rs = createRandomState(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = rs.randomSample();
  return { data, rows: n, cols: d };
}

export function fitSettings(overrides: Partial<KMeansSettings> = {}): KMeansSettings {
  return {
    k: 4,
    scaling: "standard",
    nInit: 4,
    maxIter: 300,
    tol: 1e-4,
    seed: 7,
    silhouetteSampleSize: 10000,
    ...overrides,
  };
}

export function sweepSettings(overrides: Partial<SweepSettings> = {}): SweepSettings {
  const { k, ...rest } = fitSettings();
  void k;
  return { ...rest, kMin: 2, kMax: 6, ...overrides };
}

export const FOUR_CENTRES = [
  [0, 0, 0],
  [6, 0, 1],
  [0, 7, 2],
  [5, 5, 9],
];
