import type { SweepRow } from "../../src/engine";
import { recommendK } from "../../src/taskpane/recommend";
import type { SweepOutput } from "../../src/worker/protocol";

function sweepOf(elbowK: number | null, bestSilhouetteK: number | null): SweepOutput {
  const rows: SweepRow[] = [2, 3, 4, 5].map((k) => ({
    k,
    inertia: 100 / k,
    silhouette: k === bestSilhouetteK ? 0.61 : 0.3,
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
});
