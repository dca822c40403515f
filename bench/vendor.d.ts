/**
 * Types for the comparison libraries. skmeans ships none; ml-kmeans ships types only behind its
 * "exports" map, which the project's moduleResolution "node" does not read.
 */
declare module "skmeans" {
  type SkmeansResult = { it: number; k: number; idxs: number[]; centroids: number[][] };
  function skmeans(data: number[][], k: number, initial?: number[][] | null, maxit?: number): SkmeansResult;
  export = skmeans;
}

declare module "ml-kmeans" {
  type KMeansResult = { clusters: number[]; centroids: number[][]; converged: boolean; iterations: number };
  type Options = {
    initialization?: "kmeans++" | "random" | "mostDistant" | number[][];
    maxIterations?: number;
    tolerance?: number;
    seed?: number;
  };
  export function kmeans(data: number[][], K: number, options: Options): KMeansResult;
}

declare module "density-clustering" {
  class DBSCAN {
    /** Clusters as arrays of row indices; `noise` then lists the rows first met as noise (borders included). */
    run(dataset: number[][], epsilon: number, minPts: number): number[][];
    noise: number[];
  }
  export { DBSCAN };
}
