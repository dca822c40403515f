import {
  DEFAULT_SEED,
  createRandomState,
  silhouetteSamples,
  silhouetteScore,
  takeRows,
  type Matrix,
} from "../engine";

export type SilhouetteDetail = {
  /** Mean silhouette, exactly what silhouetteScore returns for the same rows and sample; null if undefined. */
  score: number | null;
  /** Mean silhouette of the scored rows of each cluster 0..k-1; null for a cluster with none of them. */
  byCluster: (number | null)[];
  /** The score came from a seeded sample of rows (false when there is no score). */
  sampled: boolean;
  /** Every row's silhouette, when every row was scored; null when sampled or undefined. */
  samples: Float64Array | null;
};

/**
 * The overall silhouette and its per-cluster means from one set of silhouette samples: every row's when
 * there are at most sampleSize rows, else the rows of silhouetteScore's own seeded sample (the first
 * sampleSize entries of createRandomState(seed).permutation(n)). The mean is summed in silhouetteScore's
 * order, so the score is the one silhouetteScore gives, bit for bit; test/worker/silhouette.test.ts checks it.
 *
 * Undefined (null everywhere) when the clustering is not scorable: fewer than 2 clusters, or one row per
 * cluster (silhouette's n - 1 bound), in the rows scored.
 */
export function silhouetteDetail(
  Xs: Matrix,
  labels: Int32Array,
  k: number,
  sampleSize: number,
  seed: number = DEFAULT_SEED,
): SilhouetteDetail {
  const undefinedScore = (sampled: boolean): SilhouetteDetail => ({
    score: null,
    byCluster: new Array<number | null>(k).fill(null),
    sampled,
    samples: null,
  });
  const n = Xs.rows;
  if (!scorable(labels)) return undefinedScore(false);
  const sampled = n > sampleSize;
  let rows: Matrix = Xs;
  let scored: ArrayLike<number> = labels;
  if (sampled) {
    if (!Number.isInteger(sampleSize) || sampleSize < 2) {
      // The engine's own check and message for a sample size it cannot use.
      silhouetteScore(Xs, labels, { sampleSize, seed });
    }
    const idx = createRandomState(seed).permutation(n).subarray(0, sampleSize);
    rows = takeRows(Xs, idx);
    scored = Int32Array.from(idx, (i) => labels[i]);
    // A sample that caught a single cluster (or one row per cluster) cannot be scored.
    if (!scorable(scored)) return undefinedScore(false);
  }
  const samples = silhouetteSamples(rows, scored);
  // silhouetteScore's mean: one running sum in row order, divided by the count.
  let total = 0;
  for (let i = 0; i < samples.length; i++) total += samples[i];
  const sums = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let i = 0; i < samples.length; i++) {
    const c = scored[i];
    if (c >= 0 && c < k) {
      sums[c] += samples[i];
      counts[c] += 1;
    }
  }
  return {
    score: total / samples.length,
    byCluster: Array.from(sums, (s, c) => (counts[c] > 0 ? s / counts[c] : null)),
    sampled,
    samples: sampled ? null : samples,
  };
}

/** What the silhouette needs: 2 <= distinct labels <= rows - 1. */
function scorable(labels: ArrayLike<number>): boolean {
  const distinct = new Set<number>();
  for (let i = 0; i < labels.length; i++) distinct.add(labels[i]);
  return distinct.size >= 2 && distinct.size <= labels.length - 1;
}
