import { fSurvival, logGamma, regularizedBeta } from "../../../src/engine";
import { logBeta } from "../../../src/engine/core/special";
import { loadMeaning, relError } from "../fixtures";

const meaning = loadMeaning();

/** The worst relative error over a list, with the case it came from, so a failure names the point. */
function worst<T>(cases: T[], err: (c: T) => number): { error: number; at: T | null } {
  let w = { error: 0, at: null as T | null };
  for (const c of cases) {
    const e = err(c);
    if (!(e <= w.error)) w = { error: e, at: c };
  }
  return w;
}

describe("fSurvival: scipy.special.fdtrc (Cephes), the p-value of f_classif and f_oneway", () => {
  test("the grid covers tiny p, p near 1, and 1 to 20000 degrees of freedom", () => {
    const ps = meaning.fdtrc.map((g) => g.p);
    expect(Math.min(...ps)).toBeLessThan(1e-299);
    expect(Math.max(...ps)).toBeGreaterThan(1 - 1e-7);
    const dfs = meaning.fdtrc.flatMap((g) => [g.dfn, g.dfd]);
    expect(Math.min(...dfs)).toBeLessThanOrEqual(1);
    expect(Math.max(...dfs)).toBe(20000);
    expect(meaning.fdtrc.length).toBeGreaterThan(200);
  });

  test("every grid point within 1e-9 relative", () => {
    const w = worst(meaning.fdtrc, (g) => relError(fSurvival(g.f, g.dfn, g.dfd), g.p));
    // On failure, the point and its error are shown.
    expect(w.error < 1e-9 ? null : w).toBeNull();
  });

  test("p near 1 for a tiny F is scipy's, whose 1 - w keeps few digits there, not the exact tail", () => {
    // scipy.special.fdtrc(0.5, 0.5, 1.11e-16) is 1 and fdtrc(1, 20000, 1.82e-12) is 1 (both in the grid); the
    // exact tails are 1 - 5.5e-5 and 1 - 1.1e-6. The engine follows Cephes' rounding (special.ts).
    const near1 = meaning.fdtrc.filter((g) => g.p === 1);
    expect(near1.length).toBeGreaterThanOrEqual(2);
    for (const g of near1) expect(fSurvival(g.f, g.dfn, g.dfd)).toBe(1);
  });

  test("closed forms: F(2, 2) tail is 1 / (1 + f), F(1, 1) tail is (2 / π) atan(1 / √f)", () => {
    for (const f of [1e-6, 0.5, 1, 3, 1e6, 1e300])
      expect(relError(fSurvival(f, 2, 2), 1 / (1 + f))).toBeLessThan(1e-13);
    for (const f of [1e-6, 0.5, 1, 3, 1e6])
      expect(relError(fSurvival(f, 1, 1), (2 / Math.PI) * Math.atan(1 / Math.sqrt(f)))).toBeLessThan(1e-13);
  });

  test("edges: F ≤ 0 gives 1, F = ∞ gives 0, NaN or non-positive degrees of freedom give NaN", () => {
    expect(fSurvival(0, 3, 10)).toBe(1);
    expect(fSurvival(-1, 3, 10)).toBe(1);
    expect(fSurvival(Infinity, 3, 10)).toBe(0);
    expect(fSurvival(NaN, 3, 10)).toBeNaN();
    expect(fSurvival(1, 0, 10)).toBeNaN();
    expect(fSurvival(1, 3, -2)).toBeNaN();
  });

  test("decreasing in F", () => {
    for (const [d1, d2] of [
      [1, 1],
      [2, 147],
      [7, 9992],
      [20000, 20000],
    ]) {
      let last = 1;
      for (let e = -6; e <= 6; e += 0.25) {
        const p = fSurvival(10 ** e, d1, d2);
        expect(p).toBeLessThanOrEqual(last);
        last = p;
      }
    }
  });
});

describe("regularizedBeta: scipy.special.betainc", () => {
  test.each(meaning.betainc.map((c) => [c.a, c.b, c.x, c.value]))("I_%p(%p, %p)", (a, b, x, value) => {
    expect(relError(regularizedBeta(a, b, x), value)).toBeLessThan(1e-9);
  });

  test("symmetry I_x(a, b) = 1 - I_{1-x}(b, a), and the edges", () => {
    for (const [a, b, x] of [
      [2, 3, 0.4],
      [0.5, 7, 0.2],
      [40, 41, 0.5],
    ])
      expect(regularizedBeta(a, b, x) + regularizedBeta(b, a, 1 - x)).toBeCloseTo(1, 14);
    expect(regularizedBeta(2, 3, 0)).toBe(0);
    expect(regularizedBeta(2, 3, 1)).toBe(1);
    expect(regularizedBeta(0, 3, 0.5)).toBeNaN();
    expect(regularizedBeta(2, -1, 0.5)).toBeNaN();
    expect(regularizedBeta(2, 3, NaN)).toBeNaN();
  });
});

describe("logGamma: scipy.special.gammaln", () => {
  test.each(meaning.gammaln.map((c) => [c.x, c.value]))("log Γ(%p)", (x, value) => {
    // Relative where log Γ is not near a zero (x = 1 and 2 give exactly 0); absolute there.
    expect(Math.abs(logGamma(x) - value)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(value), 1e-3));
  });

  test("log Γ(n) = log((n - 1)!), and the edges", () => {
    let fact = 1;
    for (let n = 1; n <= 25; n++) {
      expect(Math.abs(logGamma(n) - Math.log(fact))).toBeLessThan(1e-12 * Math.max(1, Math.log(fact)));
      fact *= n;
    }
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-1)).toBeNaN();
    expect(logGamma(NaN)).toBeNaN();
  });

  test("log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b), B(1, 1) = 1, B(2, 3) = 1/12", () => {
    expect(Math.abs(logBeta(1, 1))).toBeLessThan(1e-14);
    expect(relError(logBeta(2, 3), Math.log(1 / 12))).toBeLessThan(1e-13);
  });
});
