import type { SweepRow } from "../../src/engine";
import { NO_STRUCTURE_SILHOUETTE, recommendK } from "../../src/taskpane/recommend";
import type { SweepReport } from "../../src/model";

function sweepOf(elbowK: number | null, bestSilhouetteK: number | null, best = 0.61): SweepReport {
  const rows: SweepRow[] = [2, 3, 4, 5].map((k) => ({
    k,
    inertia: 100 / k,
    silhouette: k === bestSilhouetteK ? best : Math.min(0.3, best - 0.05),
    calinskiHarabasz: 1,
    daviesBouldin: 1,
    nIter: 3,
    converged: true,
    silhouetteSampled: false,
  }));
  return { kind: "sweep", rows, elbowK, bestSilhouetteK };
}

describe("recommendK", () => {
  test("when both signals agree it says so and recommends that k", () => {
    const r = recommendK(sweepOf(3, 3));
    expect(r.k).toBe(3);
    expect(r.agree).toBe(true);
    expect(r.reasons).toContain("Both signals point to k = 3.");
    expect(r.reasons[0]).toContain("mean silhouette 0.610");
  });

  test("when they disagree it says so plainly and preselects the silhouette's k", () => {
    const r = recommendK(sweepOf(4, 2));
    expect(r.k).toBe(2);
    expect(r.agree).toBe(false);
    expect(r.reasons.join(" ")).toContain("The two signals disagree (2 and 4)");
  });

  test("no elbow falls back to the silhouette, and no silhouette to the elbow", () => {
    expect(recommendK(sweepOf(null, 5)).reasons.join(" ")).toContain("has no clear bend");
    expect(recommendK(sweepOf(null, 5)).k).toBe(5);
    expect(recommendK(sweepOf(4, null)).k).toBe(4);
    expect(recommendK(sweepOf(null, null)).k).toBeNull();
  });

  test("a best mean silhouette of 0.25 or less says there are no clear clusters, not that the signals agree", () => {
    const r = recommendK(sweepOf(3, 3, 0.18));
    expect(r.noClearClusters).toBe(true);
    expect(r.title).toBe("No clear clusters");
    expect(r.reasons[0]).toMatch(/^No clear clusters: the best mean silhouette is 0\.180 \(0\.25 or less/);
    expect(r.reasons.join(" ")).not.toContain("Both signals point");
    // Disagreeing signals are not offered as a choice between two good answers either.
    expect(recommendK(sweepOf(4, 2, 0.2)).reasons.join(" ")).not.toContain("disagree");
    // The user can still pick a k: the best silhouette's is preselected.
    expect(r.k).toBe(3);
  });

  test("the threshold is Kaufman and Rousseeuw's 0.25: at it there is no structure, just above it there is", () => {
    expect(NO_STRUCTURE_SILHOUETTE).toBe(0.25);
    expect(recommendK(sweepOf(3, 3, 0.25)).noClearClusters).toBe(true);
    const above = recommendK(sweepOf(3, 3, 0.26));
    expect(above.noClearClusters).toBe(false);
    expect(above.title).toBe("Recommended: k = 3");
    expect(above.reasons).toContain("Both signals point to k = 3.");
  });

  test("without any silhouette the structure is not judged", () => {
    const r = recommendK(sweepOf(4, null));
    expect(r.noClearClusters).toBe(false);
    expect(r.title).toBe("Recommended: k = 4");
    expect(recommendK(sweepOf(null, null)).title).toBe("No clear recommendation");
  });
});
