import fc from "fast-check";
import {
  createMatrix,
  createRandomState,
  kmeans,
  kmeansPlusPlusIndices,
  takeRows,
  type KMeansOptions,
  type KMeansResult,
  type Matrix,
} from "../../../src/engine";
import { runHamerly } from "../../../src/engine/kmeans/hamerly";
import { runLloyd } from "../../../src/engine/kmeans/lloyd";
import { type RunOutcome } from "../../../src/engine/kmeans/steps";
import { wasmSupported, type BackendChoice, type PassMode } from "../../../src/engine/wasm/backend";
import { kernelModuleBytes, simdProbeBytes } from "../../../src/engine/wasm/module";
import { Workspace } from "../../../src/engine/kmeans/workspace";
import { datasetsWithK } from "../arbitraries";

/** d = 1..12 covers every unrolled width and the generic one; odd n exercises the padding lane. */
const dataset = datasetsWithK({ minN: 2, maxN: 160, maxD: 12, maxK: 40 });

/** kmeans on one backend and pass mode, passed in as options. */
function fit(backend: BackendChoice, mode: PassMode, X: Matrix, opts: KMeansOptions): KMeansResult {
  return kmeans(X, { ...opts, backend, passMode: mode });
}

/** A workspace for runLloyd / runHamerly on one backend and pass mode. */
function space(backend: BackendChoice, mode: PassMode = "auto"): Workspace {
  return new Workspace({ backend, passMode: mode });
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Bit-for-bit equality of everything a fit reports. */
function sameFit(a: KMeansResult, b: KMeansResult): boolean {
  return (
    sameArray(a.labels, b.labels) &&
    sameArray(a.centers.data, b.centers.data) &&
    Object.is(a.inertia, b.inertia) &&
    a.nIter === b.nIter &&
    a.converged === b.converged &&
    a.bestRun === b.bestRun &&
    JSON.stringify(a.runs) === JSON.stringify(b.runs) &&
    JSON.stringify(a.warnings) === JSON.stringify(b.warnings)
  );
}

function sameRun(a: RunOutcome, b: RunOutcome): boolean {
  return (
    sameArray(a.labels, b.labels) &&
    sameArray(a.centers.data, b.centers.data) &&
    Object.is(a.inertia, b.inertia) &&
    a.nIter === b.nIter &&
    a.converged === b.converged &&
    sameArray(a.inertiaHistory ?? [], b.inertiaHistory ?? [])
  );
}

const ROUTES: [BackendChoice, PassMode][] = [
  ["wasm", "auto"],
  ["wasm", "bounded"],
  ["wasm", "full"],
];

describe("WebAssembly backend", () => {
  test("is available in Node and chosen by default", () => {
    expect(wasmSupported()).toBe(true);
    const X = createMatrix(6, 2, Float64Array.from([0, 0, 0, 1, 5, 5, 5, 6, 9, 9, 9, 8]));
    expect(kmeans(X, { k: 2, seed: 1 }).backend).toBe("wasm");
    expect(kmeans(X, { k: 2, seed: 1, backend: "js" }).backend).toBe("js");
  });

  test("module bytes are reproducible and valid for every column count", () => {
    expect(WebAssembly.validate(simdProbeBytes())).toBe(true);
    for (let d = 1; d <= 40; d++) {
      const a = kernelModuleBytes(d);
      expect(WebAssembly.validate(a)).toBe(true);
      expect(sameArray(a, kernelModuleBytes(d))).toBe(true);
    }
  });

  test("every WebAssembly route gives JavaScript Lloyd's fit bit for bit (k-means++, nInit 2)", () => {
    fc.assert(
      fc.property(dataset, fc.boolean(), ({ X, k, seed }, zeroTol) => {
        const opts: KMeansOptions = { k, seed, nInit: 2, tol: zeroTol ? 0 : 1e-4, trackInertia: true };
        const ref = fit("js", "auto", X, { ...opts, algorithm: "lloyd" });
        const jsHamerly = fit("js", "auto", X, { ...opts, algorithm: "hamerly" });
        if (!sameFit(ref, jsHamerly)) return false;
        for (const [backend, mode] of ROUTES) {
          for (const algorithm of ["lloyd", "hamerly"] as const) {
            const got = fit(backend, mode, X, { ...opts, algorithm });
            if (!sameFit(ref, got)) return false;
          }
        }
        return true;
      }),
      { numRuns: 120 },
    );
  });

  test("runs match JavaScript Lloyd from any start, with random init and with a capped maxIter", () => {
    fc.assert(
      fc.property(
        dataset,
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        ({ X, k, seed }, maxIter, zeroTol) => {
          const rows = Array.from({ length: k }, (_, c) => (seed + c * 7919) % X.rows);
          const start = takeRows(X, rows).data;
          const settings = { maxIter, tolThreshold: zeroTol ? 0 : 1e-3, trackInertia: true };
          const ref = runLloyd(X, start, k, { ...settings, workspace: space("js") });
          if (!sameRun(ref, runHamerly(X, start, k, { ...settings, workspace: space("js") }))) return false;
          for (const [backend, mode] of ROUTES) {
            const w = { ...settings, workspace: space(backend, mode) };
            if (!sameRun(ref, runHamerly(X, start, k, w))) return false;
            if (!sameRun(ref, runLloyd(X, start, k, w))) return false;
          }
          const opts: KMeansOptions = { k, seed, nInit: 3, init: "random", maxIter };
          const a = fit("js", "auto", X, opts);
          const b = fit("wasm", "bounded", X, opts);
          return sameFit(a, b);
        },
      ),
      { numRuns: 120 },
    );
  });

  test("k-means++ draws the same rows with any number of local trials", () => {
    fc.assert(
      fc.property(dataset, fc.integer({ min: 1, max: 9 }), ({ X, k, seed }, trials) => {
        const a = kmeansPlusPlusIndices(X, k, createRandomState(seed), trials, space("js"));
        const b = kmeansPlusPlusIndices(X, k, createRandomState(seed), trials, space("wasm"));
        return sameArray(a, b);
      }),
      { numRuns: 150 },
    );
  });

  test("wide data (d > 16: coordinates reloaded rather than held) matches too", () => {
    const rs = createRandomState(7);
    for (const d of [17, 20, 33]) {
      for (const n of [51, 200]) {
        const data = new Float64Array(n * d);
        for (let i = 0; i < data.length; i++) data[i] = Math.floor(rs.randomSample() * 5);
        const X: Matrix = createMatrix(n, d, data);
        for (const k of [3, 12]) {
          const opts: KMeansOptions = { k, seed: d + n, nInit: 2, trackInertia: true };
          const ref = fit("js", "auto", X, { ...opts, algorithm: "lloyd" });
          for (const [backend, mode] of ROUTES) {
            const got = fit(backend, mode, X, opts);
            expect(sameFit(ref, got)).toBe(true);
          }
        }
      }
    }
  });

  test("extreme magnitudes and exact ties match JavaScript", () => {
    const rows = [
      [1e150, -1e150],
      [1e150, -1e150],
      [-1e150, 1e150],
      [0, 0],
      [0, 0],
      [1e-300, -1e-300],
      [5e-324, 0],
      [3, 3],
      [3, 3],
    ];
    const X = createMatrix(rows.length, 2, Float64Array.from(rows.flat()));
    for (const k of [1, 2, 3, 4, 9]) {
      const opts: KMeansOptions = { k, seed: 3, nInit: 3, init: "random" };
      const ref = fit("js", "auto", X, { ...opts, algorithm: "lloyd" });
      for (const [backend, mode] of ROUTES) {
        expect(sameFit(ref, fit(backend, mode, X, opts))).toBe(true);
      }
    }
  });

  test("sums that overflow (infinite centres, NaN distances): each kernel matches its JavaScript twin", () => {
    // Here Hamerly's bounds no longer prove anything, so JavaScript's Hamerly and Lloyd differ; the
    // WebAssembly scans keep JavaScript's NaN handling (centre 0's value kept, strict < thereafter).
    const rows = [
      [1.7e308, 1.7e308],
      [1.7e308, 1.7e308],
      [-1.7e308, 1.7e308],
      [1e150, -1e150],
      [0, 0],
      [3, 3],
      [3, 4],
    ];
    const X = createMatrix(rows.length, 2, Float64Array.from(rows.flat()));
    for (const k of [1, 2, 3, 5, 7]) {
      const opts: KMeansOptions = { k, seed: 3, nInit: 3, init: "random" };
      const lloyd = fit("js", "auto", X, { ...opts, algorithm: "lloyd" });
      const hamerly = fit("js", "auto", X, { ...opts, algorithm: "hamerly" });
      for (const [backend, mode] of ROUTES) {
        expect(sameFit(lloyd, fit(backend, mode, X, { ...opts, algorithm: "lloyd" }))).toBe(true);
      }
      const bounded = fit("wasm", "bounded", X, { ...opts, algorithm: "hamerly" });
      expect(sameFit(hamerly, bounded)).toBe(true);
    }
  });
});
