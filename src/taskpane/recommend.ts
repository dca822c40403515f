import type { SweepOutput } from "../worker/protocol";

export type Recommendation = {
  /** The k to preselect: the best silhouette when there is one, else the elbow. */
  k: number | null;
  silhouetteK: number | null;
  elbowK: number | null;
  agree: boolean;
  /** Plain sentences for the pane, strongest signal first. */
  reasons: string[];
};

const fmt = (v: number | null | undefined) => (typeof v === "number" ? v.toFixed(3) : "n/a");

/** Puts the two signals side by side and says plainly whether they agree. */
export function recommendK(sweep: SweepOutput): Recommendation {
  const { bestSilhouetteK: silhouetteK, elbowK } = sweep;
  const best = sweep.rows.find((r) => r.k === silhouetteK);
  const reasons: string[] = [];
  reasons.push(
    silhouetteK === null
      ? "No silhouette could be computed for these k."
      : `Silhouette: k = ${silhouetteK} separates the clusters best (mean silhouette ${fmt(best?.silhouette)}; ` +
          "1 is perfect, 0 means overlapping clusters).",
  );
  reasons.push(
    elbowK === null
      ? "Elbow: the inertia curve has no clear bend, so it does not point at a k."
      : `Elbow: inertia stops falling steeply at k = ${elbowK}; more clusters add little after that.`,
  );
  const agree = silhouetteK !== null && silhouetteK === elbowK;
  if (agree) reasons.push(`Both signals point to k = ${silhouetteK}.`);
  else if (silhouetteK !== null && elbowK !== null) {
    reasons.push(
      `The two signals disagree (${silhouetteK} and ${elbowK}). Pick the one that suits your purpose: ` +
        "the silhouette favours well-separated groups, the elbow a compact summary with few clusters.",
    );
  }
  return { k: silhouetteK ?? elbowK, silhouetteK, elbowK, agree, reasons };
}
