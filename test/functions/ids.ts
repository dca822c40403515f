/** The KMEANS functions in the order functions.ts declares them: what the generated metadata must list. */
export const FUNCTION_IDS = [
  "LABELS",
  "CENTROIDS",
  "INERTIA",
  "SILHOUETTE",
  "PROFILE",
  "DESCRIBE",
  "DISTANCE",
  "ELBOW",
  "PREDICT",
  "DBSCAN",
];
