/// <reference types="custom-functions-runtime" />
/*
 * The KMEANS.* worksheet functions. The JSDoc below is the functions' metadata: the build's
 * custom-functions-metadata-plugin generates functions.json from it and appends the
 * CustomFunctions.associate calls, so nothing here registers itself. Defaults, argument names and
 * order follow the task pane (k 3 there, scaling "standard", seed 42, n_init 10).
 *
 * Excel passes omitted optional arguments as null, and a cancel hook last to the functions that fit.
 */
import { centroidsOf, elbowOf, inertiaOf, labelsOf, predictOf, silhouetteOf } from "./calls";
import { invoke } from "./invoke";

/**
 * Clusters the rows of data with k-means and returns each row's cluster, 1 to k. Rows with a blank or text cell get an empty cell.
 * @customfunction LABELS
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted. The same seed gives the same labels.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @returns A column with one label per row of data.
 */
export function labels(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<any[][]> {
  return invoke(invocation, (signal) => labelsOf(data, { k, scaling, seed, nInit: n_init }, signal));
}

/**
 * The k cluster centres in the data's original units, one row per cluster (cluster 1 first).
 * @customfunction CENTROIDS
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @param [with_size] TRUE to start each row with the cluster's number of rows; FALSE if omitted.
 * @returns k rows of centres, one column per data column.
 */
export function centroids(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  with_size?: boolean,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<number[][]> {
  return invoke(invocation, (signal) =>
    centroidsOf(data, { k, scaling, seed, nInit: n_init, withSize: with_size }, signal),
  );
}

/**
 * The k-means inertia: the sum of squared distances of rows to their cluster centre, in the scaled space the clustering ran in.
 * @customfunction INERTIA
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @returns The inertia of the best start.
 */
export function inertia(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<number> {
  return invoke(invocation, (signal) => inertiaOf(data, { k, scaling, seed, nInit: n_init }, signal));
}

/**
 * The mean silhouette (-1 to 1, higher is better separated) of the k-means clustering of data, in the scaled space.
 * @customfunction SILHOUETTE
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted. Also seeds the 20,000-row sample used above 20,000 rows.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @returns The mean silhouette coefficient.
 */
export function silhouette(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<number> {
  return invoke(invocation, (signal) => silhouetteOf(data, { k, scaling, seed, nInit: n_init }, signal));
}

/**
 * Clusters data for every k from k_min to k_max: a table of k, inertia and silhouette under a header row, for choosing k.
 * @customfunction ELBOW
 * @param data Rows to cluster, numbers only (no header row).
 * @param [k_min] Smallest k; 2 if omitted.
 * @param [k_max] Largest k; 10 (or the number of usable rows, if fewer) if omitted.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted.
 * @param [n_init] Number of k-means++ starts for each k; 10 if omitted.
 * @returns A header row (k, inertia, silhouette), then one row per k.
 */
export function elbow(
  data: any[][],
  k_min?: number,
  k_max?: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<any[][]> {
  return invoke(invocation, (signal) =>
    elbowOf(data, { kMin: k_min, kMax: k_max, scaling, seed, nInit: n_init }, signal),
  );
}

/**
 * The nearest centroid (1 to k) for each row of new_data, as scikit-learn's KMeans.predict.
 * @customfunction PREDICT
 * @param new_data Rows to assign, numbers only, the same columns as the centroids.
 * @param centroids Centres in original units, one row per cluster, as CENTROIDS returns them (without sizes).
 * @param [scaling_reference] The data the centroids were fitted on; if given, rows and centroids are scaled by its statistics first.
 * @param [scaling] Scaling used with scaling_reference: "standard" (default), "minmax" or "none".
 * @returns A column with one label per row of new_data.
 */
export function predict(
  new_data: any[][],
  centroids: any[][],
  scaling_reference?: any[][],
  scaling?: string,
): Promise<any[][]> {
  // Light work on this thread, over at once: nothing to cancel.
  return invoke(undefined, () => predictOf(new_data, centroids, scaling_reference, scaling));
}
