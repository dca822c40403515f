/** Clustering runs from data to report: the clusterer registry, scoring, profiles, scatter and sweeps. */
export { CLUSTERERS, checkSettings, clustererFor, fitRun, type Clusterer, type FitPlan } from "./registry";
export { runSweep, summariseSweep } from "./sweep";
export { checkMagnitudes } from "./kmeans";
