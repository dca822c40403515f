import fc from "fast-check";
import { NUMBERINGS, fromRows, renumberLabels, renumberRows, sizeOrder } from "../../../src/engine";
import { loadMeaning, meaningInput } from "../fixtures";

test("the numberings", () => {
  expect(NUMBERINGS).toEqual(["sklearn", "size"]);
});

test("largest first; equal sizes keep scikit-learn's order; noise is not counted", () => {
  // Sizes: 0 → 2, 1 → 3, 2 → 1, 3 → 3.
  const labels = Int32Array.from([0, 1, 1, 3, -1, 3, 0, 2, 1, 3, -1, -1, -1]);
  const map = sizeOrder(labels, 4);
  expect(Array.from(map)).toEqual([2, 0, 3, 1]);
  expect(Array.from(renumberLabels(labels, map))).toEqual([2, 0, 0, 1, -1, 1, 2, 3, 0, 1, -1, -1, -1]);
});

test("an empty cluster goes last", () => {
  expect(Array.from(sizeOrder([1, 1, 2], 3))).toEqual([2, 0, 1]);
});

test("renumberRows puts old row c at row map[c]", () => {
  const m = fromRows([
    [0, 0.5],
    [1, 1.5],
    [2, 2.5],
  ]);
  const out = renumberRows(m, Int32Array.from([2, 0, 1]));
  expect(Array.from(out.data)).toEqual([1, 1.5, 2, 2.5, 0, 0.5]);
  expect([out.rows, out.cols]).toEqual([3, 2]);
});

test.each(loadMeaning().cases.map((c) => [c.name, c]))(
  "%s: the new numbers' sizes do not increase",
  (_n, c) => {
    const { labels } = meaningInput(c);
    const map = sizeOrder(labels, c.k);
    const sorted = [...c.sizes].sort((a, b) => b - a);
    const renumbered = renumberLabels(labels, map);
    const sizes = new Array(c.k).fill(0);
    for (const l of renumbered) if (l >= 0) sizes[l]++;
    expect(sizes).toEqual(sorted);
  },
);

test("property: a permutation; sizes non-increasing; ties in the old order; the rows move with their labels", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }).chain((k) =>
        fc.record({
          k: fc.constant(k),
          labels: fc.array(fc.integer({ min: -1, max: k - 1 }), { minLength: 0, maxLength: 40 }),
        }),
      ),
      ({ k, labels }) => {
        const map = sizeOrder(labels, k);
        expect([...map].sort((a, b) => a - b)).toEqual(Array.from({ length: k }, (_, i) => i));
        const size = new Array(k).fill(0);
        for (const l of labels) if (l >= 0) size[l]++;
        const inverse = new Array(k);
        map.forEach((n, old) => (inverse[n] = old));
        for (let r = 1; r < k; r++) {
          const [a, b] = [inverse[r - 1], inverse[r]];
          expect(size[a] > size[b] || (size[a] === size[b] && a < b)).toBe(true);
        }
        // Centres follow: row map[c] of the renumbered centres is old centre c.
        const centres = fromRows(Array.from({ length: k }, (_, c) => [c, -c]));
        const moved = renumberRows(centres, map);
        for (let c = 0; c < k; c++) expect(moved.data[map[c] * 2]).toBe(c);
        const renumbered = renumberLabels(Int32Array.from(labels), map);
        labels.forEach((l, i) => expect(renumbered[i]).toBe(l < 0 ? l : map[l]));
      },
    ),
    { numRuns: 300, seed: 20261205 },
  );
});
