import { findKnee } from "../../../src/engine";
import { loadJson } from "../fixtures";

type KneeFixture = {
  curves: { name: string; x: number[]; y: number[]; knee: number | null; norm_knee: number | null }[];
};

describe("findKnee (Kneedle) against the reference implementation", () => {
  const { curves } = loadJson<KneeFixture>("kneedle.json");
  test.each(curves.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const knee = findKnee(c.x, c.y);
    if (c.knee === null) {
      expect(knee).toBeNull();
    } else {
      expect(knee?.k).toBe(c.knee);
      expect(knee?.normalizedK).toBeCloseTo(c.norm_knee!, 12);
    }
  });
});

describe("findKnee edge cases", () => {
  test("fewer than three points or a flat curve has no knee", () => {
    expect(findKnee([1, 2], [5, 1])).toBeNull();
    expect(findKnee([1, 2, 3, 4], [2, 2, 2, 2])).toBeNull();
  });

  test("k values must increase", () => {
    expect(() => findKnee([1, 3, 2], [3, 2, 1])).toThrow("ks must be strictly increasing");
  });
});
