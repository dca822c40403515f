/**
 * numpy's legacy RandomState (MT19937 seeded with init_genrand), reproduced draw for draw.
 * scikit-learn draws its k-means++ candidates, random inits and silhouette samples from a RandomState,
 * so the same integer seed here picks the same rows as `random_state=seed` there. It is pure 32-bit
 * integer arithmetic, so Node and every browser produce the same stream.
 */
export type RandomState = {
  /** Next raw 32-bit output, as an unsigned number. */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits, as numpy's random_sample. */
  randomSample(): number;
  /** Uniform integer in [0, high), as numpy's randint(high). */
  randint(high: number): number;
  /** A random permutation of 0..n-1, as numpy's permutation(n). */
  permutation(n: number): Int32Array;
};

const N = 624;
const M = 397;

export function createRandomState(seed: number): RandomState {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed=${seed} must be an integer between 0 and 2**32 - 1`);
  }
  const mt = new Uint32Array(N);
  mt[0] = seed >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    // 1812433253 * prev mod 2^32, split so no intermediate exceeds 2^53.
    mt[i] =
      (((((prev & 0xffff0000) >>> 16) * 1812433253) << 16) + (prev & 0x0000ffff) * 1812433253 + i) >>> 0;
  }
  let pos = N;

  function twist(): void {
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      let v = mt[(i + M) % N] ^ (y >>> 1);
      if (y & 1) v ^= 0x9908b0df;
      mt[i] = v >>> 0;
    }
    pos = 0;
  }

  function nextUint32(): number {
    if (pos >= N) twist();
    let y = mt[pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  function randomSample(): number {
    const a = nextUint32() >>> 5;
    const b = nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** Uniform integer in [0, max] by masked rejection, numpy's random_interval / bounded_masked_uint32. */
  function interval(max: number): number {
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new RangeError(`interval max=${max} exceeds 32 bits`);
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let v: number;
    do {
      v = (nextUint32() & mask) >>> 0;
    } while (v > max);
    return v;
  }

  function randint(high: number): number {
    if (!Number.isInteger(high) || high < 1) throw new RangeError(`randint high=${high} must be >= 1`);
    return interval(high - 1);
  }

  function permutation(n: number): Int32Array {
    const a = new Int32Array(n);
    for (let i = 0; i < n; i++) a[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = interval(i);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  return { nextUint32, randomSample, randint, permutation };
}
