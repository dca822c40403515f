import type { SweepReport } from "../model";
import { fixed, SCORE_DECIMALS } from "./format";

/**
 * At or below this mean silhouette the data has no substantial cluster structure: Kaufman & Rousseeuw
 * (1990), Finding Groups in Data, ch. 2, read 0.71–1.00 as strong structure, 0.51–0.70 as reasonable,
 * 0.26–0.50 as weak and ≤ 0.25 as no substantial structure. Below it, the best k of a sweep is only the
 * least bad split, and the pane says so rather than recommend it.
 */
export const NO_STRUCTURE_SILHOUETTE = 0.25;

export type Recommendation = {
  /** The k to preselect: the best silhouette when there is one, else the elbow. */
  k: number | null;
  silhouetteK: number | null;
  elbowK: number | null;
  agree: boolean;
  /** The best mean silhouette is at most NO_STRUCTURE_SILHOUETTE: no k is worth recommending. */
  noClearClusters: boolean;
  /** The pane's heading for the recommendation. */
  title: string;
  /** Plain sentences for the pane, strongest signal first. */
  reasons: string[];
};

const fmt = (v: number | null | undefined) => fixed(typeof v === "number" ? v : null, SCORE_DECIMALS);

/** Puts the two signals side by side and says plainly whether they agree, or that neither means much. */
export function recommendK(sweep: SweepReport): Recommendation {
  const { bestSilhouetteK: silhouetteK, elbowK } = sweep;
  const best = sweep.rows.find((r) => r.k === silhouetteK)?.silhouette ?? null;
  const noClearClusters = best !== null && best <= NO_STRUCTURE_SILHOUETTE;
  const reasons: string[] = [];
  if (noClearClusters) {
    reasons.push(
      `No clear clusters: the best mean silhouette is ${fmt(best)} (${NO_STRUCTURE_SILHOUETTE} or less: no substantial ` +
        "structure). Any k splits the data, but the groups overlap; pick one only if you need groups anyway.",
    );
  }
  reasons.push(
    silhouetteK === null
      ? "No silhouette could be computed for these k."
      : `Silhouette: k = ${silhouetteK} separates the clusters best (mean silhouette ${fmt(best)}; ` +
          "1 is perfect, 0 means overlapping clusters).",
  );
  reasons.push(
    elbowK === null
      ? "Elbow: the inertia curve has no clear bend, so it does not point at a k."
      : `Elbow: inertia stops falling steeply at k = ${elbowK}; more clusters add little after that.`,
  );
  const agree = silhouetteK !== null && silhouetteK === elbowK;
  if (!noClearClusters) {
    if (agree) reasons.push(`Both signals point to k = ${silhouetteK}.`);
    else if (silhouetteK !== null && elbowK !== null) {
      reasons.push(
        `The two signals disagree (${silhouetteK} and ${elbowK}). Pick the one that suits your purpose: ` +
          "the silhouette favours well-separated groups, the elbow a compact summary with few clusters.",
      );
    }
  }
  const k = silhouetteK ?? elbowK;
  const title = noClearClusters
    ? "No clear clusters"
    : k === null
      ? "No clear recommendation"
      : `Recommended: k = ${k}`;
  return { k, silhouetteK, elbowK, agree, noClearClusters, title, reasons };
}
