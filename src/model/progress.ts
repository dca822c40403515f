/** How far a run has got, as the pane's progress bar and message show it. */
export type Progress = {
  /** 0..1 of the whole job. */
  fraction: number;
  /** For a k-means fit: run i (1-based) of nInit and its iteration; for a sweep: the k being fitted. */
  run?: number;
  nInit?: number;
  iteration?: number;
  inertia?: number;
  k?: number;
  message: string;
};

/** Where a clusterer reports progress; forced messages (phase changes, the final 1) are never dropped. */
export type ReportProgress = (p: Progress, force?: boolean) => void;

/**
 * Share of a fit's progress bar given to the clustering itself; scoring (the silhouette can take as long
 * as a run) gets the rest. A pool weighs its parts with the same share, so both report the same fractions.
 */
export const FIT_SHARE = 0.9;
