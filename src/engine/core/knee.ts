import { EngineError } from "./errors";

export type Knee = { k: number; index: number; normalizedK: number };

/**
 * Kneedle (Satopää et al., 2011) for a convex, decreasing curve such as inertia against k, with
 * sensitivity S = 1 and no online correction, as the `kneed` package computes it:
 * normalise x and y to [0, 1], flip y (1 - y) so the curve is concave and increasing, take the
 * difference curve y - x, and walk from its first local maximum; each local maximum sets a threshold
 * (its value minus S × mean x step) and each local minimum resets it to 0; the knee is the last local
 * maximum before the difference curve drops below the threshold. No such drop: no knee (null).
 */
export function findKnee(ks: ArrayLike<number>, values: ArrayLike<number>, sensitivity = 1): Knee | null {
  const n = ks.length;
  if (values.length !== n)
    throw new EngineError("BAD_SHAPE", `ks has ${n} values but values has ${values.length}`);
  for (let i = 1; i < n; i++) {
    if (!(ks[i] > ks[i - 1]))
      throw new EngineError("BAD_OPTION", `ks must be strictly increasing (ks[${i}]=${ks[i]})`);
  }
  if (n < 3) return null;
  const xs = normalise(ks);
  const ys = normalise(values);
  if (!xs || !ys) return null;
  const diff = new Float64Array(n);
  for (let i = 0; i < n; i++) diff[i] = 1 - ys[i] - xs[i];
  // argrelextrema with >= / <= and clipped ends: plateaus and end points count as extrema.
  const isMax = (i: number) => diff[i] >= diff[Math.max(0, i - 1)] && diff[i] >= diff[Math.min(n - 1, i + 1)];
  const isMin = (i: number) => diff[i] <= diff[Math.max(0, i - 1)] && diff[i] <= diff[Math.min(n - 1, i + 1)];
  let firstMax = -1;
  for (let i = 0; i < n; i++) {
    if (isMax(i)) {
      firstMax = i;
      break;
    }
  }
  if (firstMax < 0) return null;
  let meanStep = 0;
  for (let i = 1; i < n; i++) meanStep += xs[i] - xs[i - 1];
  meanStep = Math.abs(meanStep / (n - 1));
  let threshold = 0;
  let thresholdIndex = firstMax;
  for (let i = firstMax; i < n; i++) {
    if (xs[i] === 1) break;
    if (isMax(i)) {
      threshold = diff[i] - sensitivity * meanStep;
      thresholdIndex = i;
    }
    if (isMin(i)) threshold = 0;
    if (diff[i + 1] < threshold) {
      return { k: ks[thresholdIndex], index: thresholdIndex, normalizedK: xs[thresholdIndex] };
    }
  }
  return null;
}

function normalise(a: ArrayLike<number>): Float64Array | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]))
      throw new EngineError("NON_FINITE", `value ${a[i]} at position ${i} is not finite`);
    if (a[i] < lo) lo = a[i];
    if (a[i] > hi) hi = a[i];
  }
  if (hi === lo) return null;
  return Float64Array.from(a, (v) => (v - lo) / (hi - lo));
}
