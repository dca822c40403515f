import { encodeModule, Fn, I32, Op, Simd, V128 } from "./encoder";

/**
 * The exact silhouette's pair loop in WebAssembly SIMD, generated for one column count d.
 *
 * Rows are sorted by cluster and stored in row pairs as in module.ts (pair q holds [X[2q][j],
 * X[2q+1][j]]), each cluster's run padded to an even length with a row of NaNs, so a pair never
 * straddles two clusters. sums is cluster-major: sums[c][p] is the total distance from the row at
 * position p to the rows of cluster c, one f64 per position (stride bytes per cluster).
 *
 * Each pair of rows is visited once (j after i): the distance goes into the row's sum for j's cluster,
 * accumulated in a register over the run of j's cluster, and into j's sum for the row's cluster, a
 * contiguous f64x2 read-add-write since both lanes of a pair share that cluster. The distance of a row
 * to itself (its own pair's first lane) is exactly 0 and adds nothing; a padding row's distance is
 * NaN and is replaced by 0 (pmax(0, NaN) is 0), so neither needs a branch.
 *
 * Distances are the direct form, sqrt(sum of (x_j - y_j)^2) with IEEE f64 operations, so each is the
 * JavaScript loop's value; only the order in which they are added into the sums differs.
 */

const MAX_HELD = 16;

/**
 * silhouetteBlock(x, p0, p1, qa, qb, codes, segs, m, sums, stride): for the rows at positions
 * [p0, p1) and the j pairs [qa, qb), add every pair (i, j > i) to both rows' sums. codes[p] is the
 * cluster of position p (-1 for padding); segs[c] is the first pair of cluster c (segs[m], the pair count).
 */
function silhouetteBlock(d: number): Fn {
  const f = new Fn("silhouetteBlock", [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32], []);
  const [x, p0, p1, qa, qb, codes, segs, m, sums, stride] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const p = f.local(I32);
  const ci = f.local(I32);
  const row = f.local(I32);
  const q0 = f.local(I32);
  const c = f.local(I32);
  const qs = f.local(I32);
  const qe = f.local(I32);
  const xp = f.local(I32);
  const sp = f.local(I32);
  const cnt = f.local(I32);
  const col = f.local(I32);
  const ptr = f.local(I32);
  const acc = f.local(V128);
  const dist = f.local(V128);
  const t = f.local(V128);
  const zero = f.local(V128);
  const xi = Array.from({ length: Math.min(d, MAX_HELD) }, () => f.local(V128));
  const maxInto = (a: number, b: number, out: number): void => {
    f.get(a).get(b).get(a).get(b).op(Op.i32GtS).op(Op.select).set(out);
  };
  const minInto = (a: number, b: number, out: number): void => {
    f.get(a).get(b).get(a).get(b).op(Op.i32LtS).op(Op.select).set(out);
  };

  f.f64(0).simd(Simd.f64x2Splat).set(zero);
  f.get(p0).set(p);
  f.op(Op.block, 0x40).op(Op.loop, 0x40);
  f.get(p).get(p1).op(Op.i32GeS).op(Op.brIf, 1);
  f.get(codes).get(p).i32(2).op(Op.i32Shl).op(Op.i32Add).mem(Op.i32Load, 2, 0).tee(ci);
  f.i32(0).op(Op.i32GeS).op(Op.if, 0x40);
  {
    // row = x + (p >> 1) * 16d + (p & 1) * 8: lane (p & 1) of pair p >> 1.
    f.get(x)
      .get(p)
      .i32(1)
      .op(Op.i32ShrU)
      .i32(16 * d)
      .op(Op.i32Mul)
      .op(Op.i32Add);
    f.get(p).i32(1).op(Op.i32And).i32(3).op(Op.i32Shl).op(Op.i32Add).set(row);
    for (let j = 0; j < xi.length; j++)
      f.get(row)
        .simdMem(Simd.v128Load64Splat, 3, j * 16)
        .set(xi[j]);
    // The first pair with a row after p: p's own pair when p is its first lane (the self-distance is 0).
    f.get(p).i32(1).op(Op.i32Add).i32(1).op(Op.i32ShrU).set(q0);
    maxInto(q0, qa, q0);
    f.get(sums).get(ci).get(stride).op(Op.i32Mul).op(Op.i32Add).set(col);
    f.get(ci).set(c);
    f.op(Op.block, 0x40).op(Op.loop, 0x40);
    {
      f.get(c).get(m).op(Op.i32GeS).op(Op.brIf, 1);
      // Clusters lie in pair order: once one starts at or after qb, so do the rest.
      f.get(segs).get(c).i32(2).op(Op.i32Shl).op(Op.i32Add).tee(ptr).mem(Op.i32Load, 2, 0).tee(qs);
      f.get(qb).op(Op.i32GeS).op(Op.brIf, 1);
      maxInto(qs, q0, qs);
      f.get(ptr).mem(Op.i32Load, 2, 4).set(qe);
      minInto(qe, qb, qe);
      f.get(qs).get(qe).op(Op.i32LtS).op(Op.if, 0x40);
      {
        f.get(zero).set(acc);
        f.get(x)
          .get(qs)
          .i32(16 * d)
          .op(Op.i32Mul)
          .op(Op.i32Add)
          .set(xp);
        f.get(col).get(qs).i32(4).op(Op.i32Shl).op(Op.i32Add).set(sp);
        f.get(qe).get(qs).op(Op.i32Sub).set(cnt);
        f.op(Op.loop, 0x40);
        {
          f.get(zero);
          for (let j = 0; j < d; j++) {
            if (j < xi.length) f.get(xi[j]);
            else f.get(row).simdMem(Simd.v128Load64Splat, 3, j * 16);
            f.get(xp).simdMem(Simd.v128Load, 4, j * 16);
            f.simd(Simd.f64x2Sub).tee(t).get(t).simd(Simd.f64x2Mul);
            if (j > 0) f.simd(Simd.f64x2Add);
          }
          f.simd(Simd.f64x2Sqrt).simd(Simd.f64x2Pmax).tee(dist); // 0 < v ? v : 0, so NaN gives 0
          f.get(acc).simd(Simd.f64x2Add).set(acc);
          f.get(sp).get(sp).simdMem(Simd.v128Load, 4, 0).get(dist).simd(Simd.f64x2Add);
          f.simdMem(Simd.v128Store, 4, 0);
          f.get(xp)
            .i32(16 * d)
            .op(Op.i32Add)
            .set(xp);
          f.get(sp).i32(16).op(Op.i32Add).set(sp);
          f.get(cnt).i32(1).op(Op.i32Sub).tee(cnt).op(Op.brIf, 0);
        }
        f.op(Op.end);
        // sums[c][p] += acc[0] + acc[1]
        f.get(sums).get(c).get(stride).op(Op.i32Mul).op(Op.i32Add);
        f.get(p).i32(3).op(Op.i32Shl).op(Op.i32Add).tee(ptr);
        f.get(ptr).mem(Op.f64Load, 3, 0);
        f.get(acc).simd(Simd.f64x2ExtractLane, 0).get(acc).simd(Simd.f64x2ExtractLane, 1).op(Op.f64Add);
        f.op(Op.f64Add).mem(Op.f64Store, 3, 0);
      }
      f.op(Op.end);
      f.get(c).i32(1).op(Op.i32Add).set(c).op(Op.br, 0);
    }
    f.op(Op.end, Op.end);
  }
  f.op(Op.end);
  f.get(p).i32(1).op(Op.i32Add).set(p).op(Op.br, 0);
  f.op(Op.end, Op.end);
  return f;
}

/** The silhouette module's bytes for column count d. */
export function silhouetteModuleBytes(d: number): Uint8Array<ArrayBuffer> {
  return encodeModule([silhouetteBlock(d)]);
}

export type SilhouetteExports = {
  silhouetteBlock(
    x: number,
    p0: number,
    p1: number,
    qa: number,
    qb: number,
    codes: number,
    segs: number,
    m: number,
    sums: number,
    stride: number,
  ): void;
};
