import fc from "fast-check";
import { createMatrix, type Matrix } from "../../src/engine";

export type Case = { X: Matrix; seed: number; k: number };

/**
 * Random data sets with a k: doubles, or a small integer grid, which is full of exact ties and
 * duplicate rows — the cases where an accelerated path could part from Lloyd's tie rule.
 */
export function datasetsWithK(limits: {
  minN: number;
  maxN: number;
  maxD: number;
  maxK: number;
}): fc.Arbitrary<Case> {
  return fc
    .record({
      n: fc.integer({ min: limits.minN, max: limits.maxN }),
      d: fc.integer({ min: 1, max: limits.maxD }),
      grid: fc.boolean(),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .chain(({ n, d, grid, seed }) =>
      fc
        .array(grid ? fc.integer({ min: 0, max: 3 }) : fc.double({ min: -100, max: 100, noNaN: true }), {
          minLength: n * d,
          maxLength: n * d,
        })
        .map((values) => ({ X: createMatrix(n, d, Float64Array.from(values)), seed })),
    )
    .chain(({ X, seed }) =>
      fc.integer({ min: 1, max: Math.min(limits.maxK, X.rows) }).map((k) => ({ X, seed, k })),
    );
}
