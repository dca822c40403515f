/// <reference types="custom-functions-runtime" />
/*
 * The KMEANS.* worksheet functions. The JSDoc below is the functions' metadata: the build's
 * custom-functions-metadata-plugin generates functions.json from it and appends the
 * CustomFunctions.associate calls, so nothing here registers itself. Defaults, argument names and
 * order follow the task pane (k 3 there, scaling "standard", seed 42, n_init 10).
 *
 * Excel passes omitted optional arguments as null, and an invocation object last: the cancel hook for the
 * functions that fit, the range arguments' addresses (@requiresParameterAddresses, so blank cells can be
 * told from zeros; Excel gives them only to functions with matrix results, so INERTIA and SILHOUETTE
 * return a 1 × 1 array), and whether the call is a formula value preview.
 *
 * [numbering] ("sklearn", the default, or "size": cluster 1 the largest) comes last on the functions that
 * show cluster numbers (LABELS, CENTROIDS, PROFILE, DESCRIBE, DBSCAN), as the pane's setting of that name.
 * INERTIA, SILHOUETTE, DISTANCE and ELBOW have none: numbering changes none of their numbers. PREDICT's
 * numbers are the rows of the centroids it is given.
 */
import {
  centroidsOf,
  dbscanLabelsOf,
  describeOf,
  distanceOf,
  elbowOf,
  inertiaOf,
  labelsOf,
  predictOf,
  profileOf,
  silhouetteOf,
} from "./calls";
import { invoke } from "./invoke";

/**
 * Clusters the rows of data with k-means and returns each row's cluster, 1 to k. Rows with a blank or text cell get an empty cell.
 * @customfunction LABELS
 * @requiresParameterAddresses
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted. The same seed gives the same labels.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @param [numbering] "sklearn" (default: scikit-learn's labels_ + 1) or "size" (cluster 1 the largest).
 * @returns A column with one label per row of data.
 */
export function labels(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  numbering?: string,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<any[][]> {
  return invoke(invocation, (call) => labelsOf(data, { k, scaling, seed, nInit: n_init, numbering }, call));
}

/**
 * The k cluster centres in the data's original units, one row per cluster (cluster 1 first).
 * @customfunction CENTROIDS
 * @requiresParameterAddresses
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @param [with_size] TRUE to start each row with the cluster's number of rows; FALSE if omitted.
 * @param [numbering] "sklearn" (default: scikit-learn's order) or "size" (cluster 1 the largest).
 * @returns k rows of centres, one column per data column.
 */
export function centroids(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  with_size?: boolean,
  numbering?: string,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<number[][]> {
  return invoke(invocation, (call) =>
    centroidsOf(data, { k, scaling, seed, nInit: n_init, withSize: with_size, numbering }, call),
  );
}

/**
 * The k-means inertia: the sum of squared distances of rows to their cluster centre, in the scaled space the clustering ran in.
 * @customfunction INERTIA
 * @requiresParameterAddresses
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @returns The inertia of the best start (one cell).
 */
export function inertia(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<number[][]> {
  return invoke(invocation, (call) => inertiaOf(data, { k, scaling, seed, nInit: n_init }, call));
}

/**
 * The mean silhouette (-1 to 1, higher is better separated) of the k-means clustering of data, in the scaled space.
 * @customfunction SILHOUETTE
 * @requiresParameterAddresses
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted. Also seeds the 20,000-row sample used above 20,000 rows.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @returns The mean silhouette coefficient (one cell).
 */
export function silhouette(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<number[][]> {
  return invoke(invocation, (call) => silhouetteOf(data, { k, scaling, seed, nInit: n_init }, call));
}

/**
 * How far each cluster's mean is from the overall mean on each column, in standard deviations (z-scores), under a header row.
 * @customfunction PROFILE
 * @requiresParameterAddresses
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @param [names] One row of header text, one cell per column of data; "Column 1", "Column 2", … if omitted.
 * @param [numbering] "sklearn" (default: scikit-learn's order) or "size" (cluster 1 the largest).
 * @returns A header row (Cluster, the column names), then one row per cluster: its number and z-scores.
 */
export function profile(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  names?: any[][],
  numbering?: string,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<any[][]> {
  return invoke(invocation, (call) =>
    profileOf(data, { k, scaling, seed, nInit: n_init, names, numbering }, call),
  );
}

/**
 * Each cluster in plain words, cluster 1 first: its columns furthest from average, as "high petal_length (+1.0 sd)".
 * @customfunction DESCRIBE
 * @requiresParameterAddresses
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @param [names] One row of header text, one cell per column of data; "Column 1", "Column 2", … if omitted.
 * @param [numbering] "sklearn" (default: scikit-learn's order) or "size" (cluster 1 the largest).
 * @returns A column with one description per cluster.
 */
export function describe(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  names?: any[][],
  numbering?: string,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<any[][]> {
  return invoke(invocation, (call) =>
    describeOf(data, { k, scaling, seed, nInit: n_init, names, numbering }, call),
  );
}

/**
 * Each row's distance to its own cluster centre, in the scaled space the clustering ran in. Rows with a blank or text cell get an empty cell.
 * @customfunction DISTANCE
 * @requiresParameterAddresses
 * @param data Rows to cluster, numbers only (no header row).
 * @param k Number of clusters, from 2 to the number of usable rows.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [seed] Random seed; 42 if omitted.
 * @param [n_init] Number of k-means++ starts, best kept; 10 if omitted.
 * @returns A column with one distance per row of data.
 */
export function distance(
  data: any[][],
  k: number,
  scaling?: string,
  seed?: number,
  n_init?: number,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<any[][]> {
  return invoke(invocation, (call) => distanceOf(data, { k, scaling, seed, nInit: n_init }, call));
}

/**
 * Clusters data for every k from k_min to k_max: a table of k, inertia and silhouette under a header row, for choosing k.
 * @customfunction ELBOW
 * @requiresParameterAddresses
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
  return invoke(invocation, (call) =>
    elbowOf(data, { kMin: k_min, kMax: k_max, scaling, seed, nInit: n_init }, call),
  );
}

/**
 * The nearest centroid (1 to k) for each row of new_data, as scikit-learn's KMeans.predict.
 * @customfunction PREDICT
 * @requiresParameterAddresses
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
  invocation?: CustomFunctions.Invocation,
): Promise<any[][]> {
  // Light work on this thread, over at once: nothing to cancel, and cheap enough for a preview.
  return invoke(invocation, (call) => predictOf(new_data, centroids, scaling_reference, scaling, call));
}

/**
 * Clusters the rows of data with DBSCAN (as scikit-learn's) and returns each row's cluster, 1 upwards in the order found, or 0 for a noise row. Rows with a blank or text cell get an empty cell.
 * @customfunction DBSCAN
 * @requiresParameterAddresses
 * @param data Rows to cluster, numbers only (no header row).
 * @param eps Neighbourhood radius, a distance in the scaled space (above 0).
 * @param [min_samples] Rows within eps, the row itself counted, that make a row a core row; 5 if omitted.
 * @param [scaling] "standard" (default), "minmax" or "none".
 * @param [numbering] "sklearn" (default: the order found) or "size" (cluster 1 the largest); noise stays 0.
 * @returns A column with one label per row of data: 0 for noise.
 */
export function dbscan(
  data: any[][],
  eps: number,
  min_samples?: number,
  scaling?: string,
  numbering?: string,
  invocation?: CustomFunctions.CancelableInvocation,
): Promise<any[][]> {
  return invoke(invocation, (call) =>
    dbscanLabelsOf(data, { eps, minSamples: min_samples, scaling, numbering }, call),
  );
}
