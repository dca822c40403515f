/**
 * Distance kernels for the hot loops, unrolled for 1 to 8 columns. Every squared distance is summed
 * in the order j = 0, 1, ..., d-1 starting from the first term, exactly as sqDistRows sums it
 * (0 + t0*t0 is t0*t0: a square is never -0), so these return sqDistRows' value bit for bit; they are
 * only faster. Plain functions chosen by a switch, no code generation (the add-in's content security
 * policy forbids `new Function`).
 */

/** Squared distance between row a of A and row b of B, as sqDistRows. */
export function sqDist(A: Float64Array, a: number, B: Float64Array, b: number, d: number): number {
  switch (d) {
    case 1:
      return sq1(A, a, B, b);
    case 2:
      return sq2(A, a, B, b);
    case 3:
      return sq3(A, a, B, b);
    case 4:
      return sq4(A, a, B, b);
    case 5:
      return sq5(A, a, B, b);
    case 6:
      return sq6(A, a, B, b);
    case 7:
      return sq7(A, a, B, b);
    case 8:
      return sq8(A, a, B, b);
    default:
      return sqGeneric(A, a, B, b, d);
  }
}

function sq1(A: Float64Array, a: number, B: Float64Array, b: number): number {
  const t0 = A[a] - B[b];
  return t0 * t0;
}

function sq2(A: Float64Array, a: number, B: Float64Array, b: number): number {
  const t0 = A[a] - B[b],
    t1 = A[a + 1] - B[b + 1];
  return t0 * t0 + t1 * t1;
}

function sq3(A: Float64Array, a: number, B: Float64Array, b: number): number {
  const t0 = A[a] - B[b],
    t1 = A[a + 1] - B[b + 1],
    t2 = A[a + 2] - B[b + 2];
  return t0 * t0 + t1 * t1 + t2 * t2;
}

function sq4(A: Float64Array, a: number, B: Float64Array, b: number): number {
  const t0 = A[a] - B[b],
    t1 = A[a + 1] - B[b + 1],
    t2 = A[a + 2] - B[b + 2],
    t3 = A[a + 3] - B[b + 3];
  return t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
}

function sq5(A: Float64Array, a: number, B: Float64Array, b: number): number {
  const t0 = A[a] - B[b],
    t1 = A[a + 1] - B[b + 1],
    t2 = A[a + 2] - B[b + 2],
    t3 = A[a + 3] - B[b + 3],
    t4 = A[a + 4] - B[b + 4];
  return t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4;
}

function sq6(A: Float64Array, a: number, B: Float64Array, b: number): number {
  const t0 = A[a] - B[b],
    t1 = A[a + 1] - B[b + 1],
    t2 = A[a + 2] - B[b + 2],
    t3 = A[a + 3] - B[b + 3],
    t4 = A[a + 4] - B[b + 4],
    t5 = A[a + 5] - B[b + 5];
  return t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4 + t5 * t5;
}

function sq7(A: Float64Array, a: number, B: Float64Array, b: number): number {
  const t0 = A[a] - B[b],
    t1 = A[a + 1] - B[b + 1],
    t2 = A[a + 2] - B[b + 2],
    t3 = A[a + 3] - B[b + 3],
    t4 = A[a + 4] - B[b + 4],
    t5 = A[a + 5] - B[b + 5],
    t6 = A[a + 6] - B[b + 6];
  return t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4 + t5 * t5 + t6 * t6;
}

function sq8(A: Float64Array, a: number, B: Float64Array, b: number): number {
  const t0 = A[a] - B[b],
    t1 = A[a + 1] - B[b + 1],
    t2 = A[a + 2] - B[b + 2],
    t3 = A[a + 3] - B[b + 3],
    t4 = A[a + 4] - B[b + 4],
    t5 = A[a + 5] - B[b + 5],
    t6 = A[a + 6] - B[b + 6],
    t7 = A[a + 7] - B[b + 7];
  return t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4 + t5 * t5 + t6 * t6 + t7 * t7;
}

function sqGeneric(A: Float64Array, a: number, B: Float64Array, b: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = A[a + j] - B[b + j];
    s += t * t;
  }
  return s;
}

/**
 * Squared distances from row xo of X to each of the k rows of C (k × d, row-major), into out[0..k).
 * The unrolled versions keep the row in registers; the generic one works on four centres at once,
 * each with its own running sum, so the four dependency chains overlap.
 */
export function sqDistToAll(
  X: Float64Array,
  xo: number,
  C: Float64Array,
  k: number,
  d: number,
  out: Float64Array,
): void {
  switch (d) {
    case 1:
      return toAll1(X, xo, C, k, out);
    case 2:
      return toAll2(X, xo, C, k, out);
    case 3:
      return toAll3(X, xo, C, k, out);
    case 4:
      return toAll4(X, xo, C, k, out);
    case 5:
      return toAll5(X, xo, C, k, out);
    case 6:
      return toAll6(X, xo, C, k, out);
    case 7:
      return toAll7(X, xo, C, k, out);
    case 8:
      return toAll8(X, xo, C, k, out);
    default:
      return toAllGeneric(X, xo, C, k, d, out);
  }
}

function toAll1(X: Float64Array, xo: number, C: Float64Array, k: number, out: Float64Array): void {
  const x0 = X[xo];
  for (let c = 0, co = 0; c < k; c++, co += 1) {
    const t0 = x0 - C[co];
    out[c] = t0 * t0;
  }
}

function toAll2(X: Float64Array, xo: number, C: Float64Array, k: number, out: Float64Array): void {
  const x0 = X[xo],
    x1 = X[xo + 1];
  for (let c = 0, co = 0; c < k; c++, co += 2) {
    const t0 = x0 - C[co],
      t1 = x1 - C[co + 1];
    out[c] = t0 * t0 + t1 * t1;
  }
}

function toAll3(X: Float64Array, xo: number, C: Float64Array, k: number, out: Float64Array): void {
  const x0 = X[xo],
    x1 = X[xo + 1],
    x2 = X[xo + 2];
  for (let c = 0, co = 0; c < k; c++, co += 3) {
    const t0 = x0 - C[co],
      t1 = x1 - C[co + 1],
      t2 = x2 - C[co + 2];
    out[c] = t0 * t0 + t1 * t1 + t2 * t2;
  }
}

function toAll4(X: Float64Array, xo: number, C: Float64Array, k: number, out: Float64Array): void {
  const x0 = X[xo],
    x1 = X[xo + 1],
    x2 = X[xo + 2],
    x3 = X[xo + 3];
  for (let c = 0, co = 0; c < k; c++, co += 4) {
    const t0 = x0 - C[co],
      t1 = x1 - C[co + 1],
      t2 = x2 - C[co + 2],
      t3 = x3 - C[co + 3];
    out[c] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
  }
}

function toAll5(X: Float64Array, xo: number, C: Float64Array, k: number, out: Float64Array): void {
  const x0 = X[xo],
    x1 = X[xo + 1],
    x2 = X[xo + 2],
    x3 = X[xo + 3],
    x4 = X[xo + 4];
  for (let c = 0, co = 0; c < k; c++, co += 5) {
    const t0 = x0 - C[co],
      t1 = x1 - C[co + 1],
      t2 = x2 - C[co + 2],
      t3 = x3 - C[co + 3],
      t4 = x4 - C[co + 4];
    out[c] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4;
  }
}

function toAll6(X: Float64Array, xo: number, C: Float64Array, k: number, out: Float64Array): void {
  const x0 = X[xo],
    x1 = X[xo + 1],
    x2 = X[xo + 2],
    x3 = X[xo + 3],
    x4 = X[xo + 4],
    x5 = X[xo + 5];
  for (let c = 0, co = 0; c < k; c++, co += 6) {
    const t0 = x0 - C[co],
      t1 = x1 - C[co + 1],
      t2 = x2 - C[co + 2],
      t3 = x3 - C[co + 3],
      t4 = x4 - C[co + 4],
      t5 = x5 - C[co + 5];
    out[c] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4 + t5 * t5;
  }
}

function toAll7(X: Float64Array, xo: number, C: Float64Array, k: number, out: Float64Array): void {
  const x0 = X[xo],
    x1 = X[xo + 1],
    x2 = X[xo + 2],
    x3 = X[xo + 3],
    x4 = X[xo + 4],
    x5 = X[xo + 5],
    x6 = X[xo + 6];
  for (let c = 0, co = 0; c < k; c++, co += 7) {
    const t0 = x0 - C[co],
      t1 = x1 - C[co + 1],
      t2 = x2 - C[co + 2],
      t3 = x3 - C[co + 3],
      t4 = x4 - C[co + 4],
      t5 = x5 - C[co + 5],
      t6 = x6 - C[co + 6];
    out[c] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4 + t5 * t5 + t6 * t6;
  }
}

function toAll8(X: Float64Array, xo: number, C: Float64Array, k: number, out: Float64Array): void {
  const x0 = X[xo],
    x1 = X[xo + 1],
    x2 = X[xo + 2],
    x3 = X[xo + 3],
    x4 = X[xo + 4],
    x5 = X[xo + 5],
    x6 = X[xo + 6],
    x7 = X[xo + 7];
  for (let c = 0, co = 0; c < k; c++, co += 8) {
    const t0 = x0 - C[co],
      t1 = x1 - C[co + 1],
      t2 = x2 - C[co + 2],
      t3 = x3 - C[co + 3],
      t4 = x4 - C[co + 4],
      t5 = x5 - C[co + 5],
      t6 = x6 - C[co + 6],
      t7 = x7 - C[co + 7];
    out[c] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3 + t4 * t4 + t5 * t5 + t6 * t6 + t7 * t7;
  }
}

function toAllGeneric(
  X: Float64Array,
  xo: number,
  C: Float64Array,
  k: number,
  d: number,
  out: Float64Array,
): void {
  let c = 0;
  for (; c + 4 <= k; c += 4) {
    const c0 = c * d;
    const c1 = c0 + d;
    const c2 = c1 + d;
    const c3 = c2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < d; j++) {
      const x = X[xo + j];
      const t0 = x - C[c0 + j];
      const t1 = x - C[c1 + j];
      const t2 = x - C[c2 + j];
      const t3 = x - C[c3 + j];
      s0 += t0 * t0;
      s1 += t1 * t1;
      s2 += t2 * t2;
      s3 += t3 * t3;
    }
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; c < k; c++) out[c] = sqGeneric(X, xo, C, c * d, d);
}

/** sums[so..so+d) += X[xo..xo+d): one row added to its cluster's running sum. */
export function addRow(sums: Float64Array, so: number, X: Float64Array, xo: number, d: number): void {
  switch (d) {
    case 1:
      sums[so] += X[xo];
      return;
    case 2:
      sums[so] += X[xo];
      sums[so + 1] += X[xo + 1];
      return;
    case 3:
      sums[so] += X[xo];
      sums[so + 1] += X[xo + 1];
      sums[so + 2] += X[xo + 2];
      return;
    case 4:
      sums[so] += X[xo];
      sums[so + 1] += X[xo + 1];
      sums[so + 2] += X[xo + 2];
      sums[so + 3] += X[xo + 3];
      return;
    case 5:
      sums[so] += X[xo];
      sums[so + 1] += X[xo + 1];
      sums[so + 2] += X[xo + 2];
      sums[so + 3] += X[xo + 3];
      sums[so + 4] += X[xo + 4];
      return;
    case 6:
      sums[so] += X[xo];
      sums[so + 1] += X[xo + 1];
      sums[so + 2] += X[xo + 2];
      sums[so + 3] += X[xo + 3];
      sums[so + 4] += X[xo + 4];
      sums[so + 5] += X[xo + 5];
      return;
    case 7:
      sums[so] += X[xo];
      sums[so + 1] += X[xo + 1];
      sums[so + 2] += X[xo + 2];
      sums[so + 3] += X[xo + 3];
      sums[so + 4] += X[xo + 4];
      sums[so + 5] += X[xo + 5];
      sums[so + 6] += X[xo + 6];
      return;
    case 8:
      sums[so] += X[xo];
      sums[so + 1] += X[xo + 1];
      sums[so + 2] += X[xo + 2];
      sums[so + 3] += X[xo + 3];
      sums[so + 4] += X[xo + 4];
      sums[so + 5] += X[xo + 5];
      sums[so + 6] += X[xo + 6];
      sums[so + 7] += X[xo + 7];
      return;
    default:
      for (let j = 0; j < d; j++) sums[so + j] += X[xo + j];
  }
}
