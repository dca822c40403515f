/*
 * The special functions the F test's p-value needs: log Γ, log B and the regularised incomplete beta
 * I_x(a, b). scipy's f_oneway and scikit-learn's f_classif take p from Cephes' fdtrc, which is
 * I_{d2/(d2 + d1 F)}(d2/2, d1/2); the p-values that matter for "which columns separate the clusters" are
 * tiny (1e-50 for iris' petal columns), so the tail is computed directly rather than as 1 - CDF, and every
 * step keeps relative, not absolute, accuracy.
 */

const HALF_LOG_2PI = 0.9189385332046728;

/**
 * log Γ(x) for x > 0. Below 15 the recurrence Γ(x) = Γ(x + m) / (x (x + 1) … (x + m - 1)) moves the argument
 * up to where Stirling's series, to the x^-13 term, is accurate to a few units in the last place.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  let shift = 0;
  let product = 1;
  while (x < 15) {
    product *= x;
    x += 1;
    // Keep the product in range; its log is added once at the end.
    if (product > 1e280) {
      shift += Math.log(product);
      product = 1;
    }
  }
  shift += Math.log(product);
  const r = 1 / x;
  const r2 = r * r;
  // Bernoulli terms B_2n / (2n (2n - 1) x^(2n - 1)).
  const series =
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
}

/** log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 100000;

/**
 * The regularised incomplete beta I_x(a, b), with y = 1 - x given separately when the caller knows it more
 * exactly than 1 - x (the F test passes the rounded 1 - x on purpose, to give Cephes' numbers: fSurvival). The continued fraction (modified Lentz) converges fast for
 * x < (a + 1) / (a + b + 2); above that, I_x(a, b) = 1 - I_y(b, a).
 */
export function regularizedBeta(a: number, b: number, x: number, y = 1 - x): number {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - lowerTail(b, a, y, x);
  return lowerTail(a, b, x, y);
}

/** I_x(a, b) from the continued fraction, for x below the switch-over point. */
function lowerTail(a: number, b: number, x: number, y: number): number {
  const logFront = a * Math.log(x) + b * Math.log(y) - logBeta(a, b);
  if (logFront < -745.2) return 0;
  return (Math.exp(logFront) / a) * continuedFraction(a, b, x);
}

function continuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  return h;
}

/**
 * The F distribution's upper tail P(F(d1, d2) > f), as Cephes' fdtrc: I_w(d2/2, d1/2) with
 * w = d2 / (d2 + d1 f), and 1 - w taken in floating point, as Cephes' incbet does. A huge f (tiny p) loses
 * nothing that way: w is then tiny and 1 - w is 1 to the last digit. A tiny f does: w rounds to within an
 * ulp of 1, so 1 - w keeps few digits. The exact d1 f / (d2 + d1 f) would give a p closer to the truth there
 * (1 - 5.5e-5 rather than scipy's 1 for F(0.5, 0.5) at f = 1e-16; 1 - 1.1e-6 rather than 1 for F(1, 20000)
 * at f = 2e-12), but the promise is scipy's and scikit-learn's numbers, and the two differ only for p within
 * about 1e-4 of 1, where no reading of the p-value changes (test/engine/core/special.test.ts' grid).
 */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const w = d2 / (d2 + d1 * f);
  return regularizedBeta(d2 / 2, d1 / 2, w, 1 - w);
}
