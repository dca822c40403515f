import { HI, LO } from "../kmeans/margin";
import { encodeModule, F64, Fn, I32, Op, Simd, V128 } from "./encoder";

/**
 * The engine's WebAssembly kernels, generated for one column count d (every loop over j unrolled).
 * Each export is a whole pass over the rows, with X, labels, bounds and sums in the module's memory.
 *
 * X is stored in row pairs: pair p holds [X[2p][j], X[2p+1][j]] for j = 0..d-1 (16 bytes each), an odd
 * last row paired with a copy of itself whose results are never used. One f64x2 lane per row: every
 * lane does, for its own row, exactly what the JavaScript kernels do for that row: each squared
 * distance is t0*t0 + t1*t1 + ... summed in j order from the first term with plain IEEE f64
 * sub/mul/add (lanes are independent IEEE operations; no fused multiply-add, no relaxed SIMD), centres
 * are scanned in order with a strict `<` (first minimum wins), and bounds are updated with the same
 * operations in the same order. So every value is bit-identical to the JavaScript path. Labels and
 * bounds arrays have one slot per row of the padded pair layout; sums, counts, inertia and label
 * changes take the rows in row order and skip the padding row.
 */

/** Registers the pair's coordinates are kept in when d is at most this; beyond, they are reloaded. */
const MAX_HELD = 16;

type PairScan = { best: number; sec: number; idx: number };

function pairRegisters(f: Fn, d: number): number[] {
  return Array.from({ length: Math.min(d, MAX_HELD) }, () => f.local(V128));
}

function holdPair(f: Fn, xv: number[], xp: number): void {
  for (let j = 0; j < xv.length; j++)
    f.get(xp)
      .simdMem(Simd.v128Load, 4, j * 16)
      .set(xv[j]);
}

function pushX(f: Fn, xv: number[], xp: number, j: number): void {
  if (j < xv.length) f.get(xv[j]);
  else f.get(xp).simdMem(Simd.v128Load, 4, j * 16);
}

/** Pushes both rows' squared distances to the centre whose coordinates `pushC(j)` pushes (f64x2). */
function pairDist(f: Fn, d: number, xv: number[], xp: number, t: number, pushC: (j: number) => void): void {
  for (let j = 0; j < d; j++) {
    pushX(f, xv, xp, j);
    pushC(j);
    f.simd(Simd.f64x2Sub).tee(t).get(t).simd(Simd.f64x2Mul);
    if (j > 0) f.simd(Simd.f64x2Add);
  }
}

/**
 * Lloyd's scan of both rows of the pair over the k centres (row-major at cr): per lane, the nearest
 * centre's squared distance and index (first one on ties) and, when asked, the second smallest.
 */
function emitScan(
  f: Fn,
  d: number,
  xv: number[],
  xp: number,
  cr: number,
  k: number,
  second: boolean,
): PairScan {
  const cptr = f.local(I32);
  const c = f.local(I32);
  const best = f.local(V128);
  const sec = f.local(V128);
  const idx = f.local(V128);
  const cidx = f.local(V128);
  const s = f.local(V128);
  const m = f.local(V128);
  const t = f.local(V128);
  // As the JavaScript scan: best = distance to centre 0 (even if NaN), second = +Infinity, then c = 1..k-1.
  pairDist(f, d, xv, xp, t, (j) => f.get(cr).simdMem(Simd.v128Load64Splat, 3, j * 8));
  f.set(best);
  f.f64(Infinity).simd(Simd.f64x2Splat).set(sec);
  f.i64x2(0, 0).set(idx);
  f.i64x2(1, 1).set(cidx);
  f.get(cr)
    .i32(d * 8)
    .op(Op.i32Add)
    .set(cptr);
  f.get(k).i32(1).op(Op.i32Sub).tee(c);
  f.op(Op.if, 0x40);
  f.op(Op.loop, 0x40);
  pairDist(f, d, xv, xp, t, (j) => f.get(cptr).simdMem(Simd.v128Load64Splat, 3, j * 8));
  f.tee(s).get(best).simd(Simd.f64x2Lt).set(m);
  if (second) {
    // v < best ? best : (v < second ? v : second)
    f.get(best).get(sec).get(s).simd(Simd.f64x2Pmin).get(m).simd(Simd.v128Bitselect).set(sec);
  }
  f.get(best).get(s).simd(Simd.f64x2Pmin).set(best); // s < best ? s : best
  f.get(cidx).get(idx).get(m).simd(Simd.v128Bitselect).set(idx);
  f.get(cidx).i64x2(1, 1).simd(Simd.i64x2Add).set(cidx);
  f.get(cptr)
    .i32(d * 8)
    .op(Op.i32Add)
    .set(cptr);
  f.get(c).i32(1).op(Op.i32Sub).tee(c).op(Op.brIf, 0);
  f.op(Op.end, Op.end);
  return { best, sec, idx };
}

function laneIndex(f: Fn, idx: number, lane: number): Fn {
  return f.get(idx).simd(Simd.i64x2ExtractLane, lane).op(Op.i32WrapI64);
}

/**
 * counts[a] += 1; sums[a][j] += x[j] for every j, for the row in `lane` of the pair at xp (each add an
 * IEEE f64 add; two columns at a time once the row's pair of columns is unpacked from the pair layout).
 */
function emitAccumulate(
  f: Fn,
  d: number,
  xv: number[],
  a: number,
  xp: number,
  lane: number,
  sums: number,
  counts: number,
  so: number,
): void {
  f.get(counts).get(a).i32(3).op(Op.i32Shl).op(Op.i32Add).tee(so);
  f.get(so).mem(Op.f64Load, 3, 0).f64(1).op(Op.f64Add).mem(Op.f64Store, 3, 0);
  f.get(sums)
    .get(a)
    .i32(d * 8)
    .op(Op.i32Mul)
    .op(Op.i32Add)
    .set(so);
  // Bytes of lane `lane` of the first vector, then of the second: [x[j], x[j+1]] for this row.
  const pick = Array.from({ length: 16 }, (_, b) => (b < 8 ? lane * 8 + b : 16 + lane * 8 + b - 8));
  let j = 0;
  for (; j + 2 <= d; j += 2) {
    f.get(so);
    f.get(so).simdMem(Simd.v128Load, 3, j * 8);
    pushX(f, xv, xp, j);
    pushX(f, xv, xp, j + 1);
    f.simd(Simd.i8x16Shuffle, ...pick);
    f.simd(Simd.f64x2Add).simdMem(Simd.v128Store, 3, j * 8);
  }
  if (j < d) {
    f.get(so);
    f.get(so).mem(Op.f64Load, 3, j * 8);
    f.get(xp).mem(Op.f64Load, 3, j * 16 + lane * 8);
    f.op(Op.f64Add).mem(Op.f64Store, 3, j * 8);
  }
}

/**
 * Loops over the row pairs of the n rows at x: xp points at the pair, v1 says whether its second row
 * is real (false only for the padding row of an odd n).
 */
function pairLoop(f: Fn, d: number, x: number, n: number, body: (xp: number, v1: number) => void): void {
  const xp = f.local(I32);
  const r = f.local(I32);
  const odd = f.local(I32);
  const v1 = f.local(I32);
  f.get(n).i32(1).op(Op.i32And).set(odd);
  f.get(n).i32(1).op(Op.i32Add).i32(1).op(Op.i32ShrU).set(r);
  f.get(x).set(xp);
  f.op(Op.block, 0x40).get(r).op(Op.i32Eqz).op(Op.brIf, 0);
  f.op(Op.loop, 0x40);
  f.get(r).i32(1).op(Op.i32Ne).get(odd).op(Op.i32Eqz).op(Op.i32Or).set(v1);
  body(xp, v1);
  f.get(xp)
    .i32(d * 16)
    .op(Op.i32Add)
    .set(xp);
  f.get(r).i32(1).op(Op.i32Sub).tee(r).op(Op.brIf, 0);
  f.op(Op.end, Op.end);
}

/** ptr += step */
function bump(f: Fn, ptr: number, step: number): void {
  f.get(ptr).i32(step).op(Op.i32Add).set(ptr);
}

/**
 * Takes the pair's nearest-centre lanes into i0 and i1, counts the labels that change (the second
 * lane only when it is a real row, v1) and stores both labels.
 */
function storeLabels(
  f: Fn,
  idx: number,
  labels: number,
  changed: number,
  i0: number,
  i1: number,
  v1: number,
): void {
  laneIndex(f, idx, 0).set(i0);
  laneIndex(f, idx, 1).set(i1);
  f.get(changed).get(labels).op(Op.i32Load, 2, 0).get(i0).op(Op.i32Ne).op(Op.i32Add);
  f.get(labels).op(Op.i32Load, 2, 4).get(i1).op(Op.i32Ne).get(v1).op(Op.i32And).op(Op.i32Add).set(changed);
  f.get(labels).get(i0).op(Op.i32Store, 2, 0);
  f.get(labels).get(i1).op(Op.i32Store, 2, 4);
}

/** lloydPass(x, n, cr, k, labels, sums, counts, acc, out) -> changed; inertia stored at out. */
function lloydPass(d: number): Fn {
  const f = new Fn("lloydPass", [I32, I32, I32, I32, I32, I32, I32, I32, I32], [I32]);
  const [x, n, cr, k, labels, sums, counts, acc, out] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const changed = f.local(I32);
  const inertia = f.local(F64);
  const i0 = f.local(I32);
  const i1 = f.local(I32);
  const so = f.local(I32);
  const xv = pairRegisters(f, d);
  pairLoop(f, d, x, n, (xp, v1) => {
    holdPair(f, xv, xp);
    const s = emitScan(f, d, xv, xp, cr, k, false);
    storeLabels(f, s.idx, labels, changed, i0, i1, v1);
    f.get(inertia).get(s.best).simd(Simd.f64x2ExtractLane, 0).op(Op.f64Add).set(inertia);
    f.get(inertia).get(s.best).simd(Simd.f64x2ExtractLane, 1).op(Op.f64Add);
    f.get(inertia).get(v1).op(Op.select).set(inertia);
    f.get(acc).op(Op.if, 0x40);
    emitAccumulate(f, d, xv, i0, xp, 0, sums, counts, so);
    f.get(v1).op(Op.if, 0x40);
    emitAccumulate(f, d, xv, i1, xp, 1, sums, counts, so);
    f.op(Op.end, Op.end);
    bump(f, labels, 8);
  });
  f.get(out).get(inertia).mem(Op.f64Store, 3, 0);
  f.get(changed);
  return f;
}

/**
 * firstPass(x, n, cr, k, labels, upper, lower, sums, counts) -> changed: a full assignment that also
 * sets exact bounds (Hamerly's first pass; later, a full pass whenever bounds would not pay). Counts
 * labels that differ from the previous ones (meaningless on the first pass, where nobody reads it).
 */
function firstPass(d: number): Fn {
  const f = new Fn("firstPass", [I32, I32, I32, I32, I32, I32, I32, I32, I32], [I32]);
  const [x, n, cr, k, labels, upper, lower, sums, counts] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const changed = f.local(I32);
  const i0 = f.local(I32);
  const i1 = f.local(I32);
  const so = f.local(I32);
  const xv = pairRegisters(f, d);
  pairLoop(f, d, x, n, (xp, v1) => {
    holdPair(f, xv, xp);
    const s = emitScan(f, d, xv, xp, cr, k, true);
    storeLabels(f, s.idx, labels, changed, i0, i1, v1);
    f.get(upper).get(s.best).simd(Simd.f64x2Sqrt).simdMem(Simd.v128Store, 4, 0);
    f.get(lower).get(s.sec).simd(Simd.f64x2Sqrt).simdMem(Simd.v128Store, 4, 0);
    emitAccumulate(f, d, xv, i0, xp, 0, sums, counts, so);
    f.get(v1).op(Op.if, 0x40);
    emitAccumulate(f, d, xv, i1, xp, 1, sums, counts, so);
    f.op(Op.end);
    bump(f, labels, 8);
    bump(f, upper, 16);
    bump(f, lower, 16);
  });
  f.get(changed);
  return f;
}

/**
 * boundedPass(x, n, cr, k, labels, upper, lower, shift, halfGap, first, nextShift, maxShift, sums,
 * counts, acc) -> changed: hamerly.ts's boundedPass, lane by lane, operation for operation.
 */
function boundedPass(d: number): Fn {
  const f = new Fn(
    "boundedPass",
    [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, I32, I32, I32],
    [I32],
  );
  const [x, n, cr, k, labels, upper, lower, shift, halfGap, first, nextShift, maxShift] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
  ];
  const [sums, counts, acc] = [12, 13, 14];
  const changed = f.local(I32);
  const a0 = f.local(I32);
  const a1 = f.local(I32);
  const n0 = f.local(I32);
  const n1 = f.local(I32);
  const p0 = f.local(I32);
  const p1 = f.local(I32);
  const so = f.local(I32);
  const u = f.local(V128);
  const l = f.local(V128);
  const bound = f.local(V128);
  const m = f.local(V128);
  const t = f.local(V128);
  const xv = pairRegisters(f, d);
  const gatherF64 = (table: number): void => {
    f.get(table).get(a0).i32(3).op(Op.i32Shl).op(Op.i32Add).simdMem(Simd.v128Load64Splat, 3, 0).set(t);
    f.get(table).get(a1).i32(3).op(Op.i32Shl).op(Op.i32Add).get(t).loadLane(0, 1);
  };
  const lowerShift = (a: number): void => {
    f.get(nextShift).get(maxShift).get(a).get(first).op(Op.i32Eq).op(Op.select);
  };
  pairLoop(f, d, x, n, (xp, v1) => {
    holdPair(f, xv, xp);
    f.get(labels).op(Op.i32Load, 2, 0).set(a0);
    f.get(labels).op(Op.i32Load, 2, 4).set(a1);
    // u = upper + shift[a]; l = lower - (a === first ? nextShift : maxShift)
    f.get(upper).simdMem(Simd.v128Load, 4, 0);
    gatherF64(shift);
    f.simd(Simd.f64x2Add).set(u);
    f.get(lower).simdMem(Simd.v128Load, 4, 0);
    lowerShift(a0);
    f.simd(Simd.f64x2Splat);
    lowerShift(a1);
    f.simd(Simd.f64x2ReplaceLane, 1);
    f.simd(Simd.f64x2Sub).set(l);
    // bound = (halfGap[a] > l ? halfGap[a] : l) * LO; pmax(l, g) is l < g ? g : l.
    f.get(l);
    gatherF64(halfGap);
    f.simd(Simd.f64x2Pmax).f64(LO).simd(Simd.f64x2Splat).simd(Simd.f64x2Mul).set(bound);
    f.get(u).f64(HI).simd(Simd.f64x2Splat).simd(Simd.f64x2Mul).get(bound).simd(Simd.f64x2Ge).tee(m);
    f.simd(Simd.v128AnyTrue).op(Op.if, 0x40);
    {
      // Tighten: the exact distance to the own centre, for the lanes that failed.
      f.get(cr)
        .get(a0)
        .i32(d * 8)
        .op(Op.i32Mul)
        .op(Op.i32Add)
        .set(p0);
      f.get(cr)
        .get(a1)
        .i32(d * 8)
        .op(Op.i32Mul)
        .op(Op.i32Add)
        .set(p1);
      pairDist(f, d, xv, xp, t, (j) => {
        f.get(p0).simdMem(Simd.v128Load64Splat, 3, j * 8);
        f.set(t)
          .get(p1)
          .get(t)
          .loadLane(j * 8, 1);
      });
      f.simd(Simd.f64x2Sqrt).get(u).get(m).simd(Simd.v128Bitselect).set(u);
      f.get(u).f64(HI).simd(Simd.f64x2Splat).simd(Simd.f64x2Mul).get(bound).simd(Simd.f64x2Ge);
      f.get(m).simd(Simd.v128And).tee(m);
      f.simd(Simd.v128AnyTrue).op(Op.if, 0x40);
      {
        const s = emitScan(f, d, xv, xp, cr, k, true);
        f.get(s.best).simd(Simd.f64x2Sqrt).get(u).get(m).simd(Simd.v128Bitselect).set(u);
        f.get(s.sec).simd(Simd.f64x2Sqrt).get(l).get(m).simd(Simd.v128Bitselect).set(l);
        laneIndex(f, s.idx, 0).get(a0).get(m).simd(Simd.i64x2ExtractLane, 0).op(Op.i32WrapI64).op(Op.select);
        f.set(n0);
        laneIndex(f, s.idx, 1).get(a1).get(m).simd(Simd.i64x2ExtractLane, 1).op(Op.i32WrapI64).op(Op.select);
        f.set(n1);
        f.get(changed).get(n0).get(a0).op(Op.i32Ne).op(Op.i32Add);
        f.get(n1).get(a1).op(Op.i32Ne).get(v1).op(Op.i32And).op(Op.i32Add).set(changed);
        f.get(labels).get(n0).tee(a0).op(Op.i32Store, 2, 0);
        f.get(labels).get(n1).tee(a1).op(Op.i32Store, 2, 4);
      }
      f.op(Op.end);
    }
    f.op(Op.end);
    f.get(upper).get(u).simdMem(Simd.v128Store, 4, 0);
    f.get(lower).get(l).simdMem(Simd.v128Store, 4, 0);
    f.get(acc).op(Op.if, 0x40);
    emitAccumulate(f, d, xv, a0, xp, 0, sums, counts, so);
    f.get(v1).op(Op.if, 0x40);
    emitAccumulate(f, d, xv, a1, xp, 1, sums, counts, so);
    f.op(Op.end, Op.end);
    bump(f, labels, 8);
    bump(f, upper, 16);
    bump(f, lower, 16);
  });
  f.get(changed);
  return f;
}

/** inertia(x, n, cr, labels) -> the sum, in row order, of each row's squared distance to its centre. */
function inertia(d: number): Fn {
  const f = new Fn("inertia", [I32, I32, I32, I32], [F64]);
  const [x, n, cr, labels] = [0, 1, 2, 3];
  const sum = f.local(F64);
  const v = f.local(V128);
  const t = f.local(V128);
  const p0 = f.local(I32);
  const p1 = f.local(I32);
  const xv = pairRegisters(f, d);
  pairLoop(f, d, x, n, (xp, v1) => {
    holdPair(f, xv, xp);
    f.get(cr)
      .get(labels)
      .op(Op.i32Load, 2, 0)
      .i32(d * 8)
      .op(Op.i32Mul)
      .op(Op.i32Add)
      .set(p0);
    // The padding row's slot may hold anything: read centre 0 for it.
    f.get(cr)
      .get(labels)
      .op(Op.i32Load, 2, 4)
      .i32(0)
      .get(v1)
      .op(Op.select)
      .i32(d * 8)
      .op(Op.i32Mul);
    f.op(Op.i32Add).set(p1);
    pairDist(f, d, xv, xp, t, (j) => {
      f.get(p0).simdMem(Simd.v128Load64Splat, 3, j * 8);
      f.set(t)
        .get(p1)
        .get(t)
        .loadLane(j * 8, 1);
    });
    f.set(v);
    f.get(sum).get(v).simd(Simd.f64x2ExtractLane, 0).op(Op.f64Add).set(sum);
    f.get(sum).get(v).simd(Simd.f64x2ExtractLane, 1).op(Op.f64Add);
    f.get(sum).get(v1).op(Op.select).set(sum);
    bump(f, labels, 8);
  });
  f.get(sum);
  return f;
}

/** Pushes both rows' squared distances to the row at `row` (coordinate j at row + j * stride). */
function distToRow(f: Fn, d: number, xv: number[], xp: number, row: number, stride: number, t: number): void {
  pairDist(f, d, xv, xp, t, (j) => f.get(row).simdMem(Simd.v128Load64Splat, 3, j * stride));
}

/** kppInit(x, n, row, closest) -> potential: each row's squared distance to the X row at `row`. */
function kppInit(d: number): Fn {
  const f = new Fn("kppInit", [I32, I32, I32, I32], [F64]);
  const [x, n, row, closest] = [0, 1, 2, 3];
  const pot = f.local(F64);
  const v = f.local(V128);
  const t = f.local(V128);
  const xv = pairRegisters(f, d);
  pairLoop(f, d, x, n, (xp, v1) => {
    holdPair(f, xv, xp);
    distToRow(f, d, xv, xp, row, 16, t);
    f.set(v);
    f.get(closest).get(v).simdMem(Simd.v128Store, 4, 0);
    f.get(pot).get(v).simd(Simd.f64x2ExtractLane, 0).op(Op.f64Add).set(pot);
    f.get(pot).get(v).simd(Simd.f64x2ExtractLane, 1).op(Op.f64Add);
    f.get(pot).get(v1).op(Op.select).set(pot);
    bump(f, closest, 16);
  });
  f.get(pot);
  return f;
}

/**
 * kppScore(x, n, cp, T2, closest, pots, arrs, stride, evenT): for every row i, in row order and for every
 * candidate t, v = min(distance to candidate t, closest[i]); pots[t] += v, and v is stored at
 * arrs + t * stride + i * 8, so the winner's array becomes the next closest without another pass over
 * X. closest may be one of those arrays: each row reads its own entry before writing its row. The
 * lanes are candidates (pairs at cp, [C[2q][j], C[2q+1][j]], an odd count padded with +Infinity,
 * whose lane is not stored: evenT is 0 then), each lane one candidate's running sum; rows are taken
 * one at a time.
 */
function kppScore(d: number): Fn {
  const f = new Fn("kppScore", [I32, I32, I32, I32, I32, I32, I32, I32, I32], []);
  const [x, n, cp, T2, closest, pots, arrs, stride, evenT] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const cptr = f.local(I32);
  const pp = f.local(I32);
  const q = f.local(I32);
  const ap = f.local(I32);
  const rowAt = f.local(I32);
  const m = f.local(V128);
  const t = f.local(V128);
  const v = f.local(V128);
  const xs = Array.from({ length: Math.min(d, MAX_HELD) }, () => f.local(V128));
  // Zero the T2 accumulators.
  f.get(pots).set(pp).get(T2).set(q);
  f.op(Op.loop, 0x40);
  f.get(pp).f64(0).simd(Simd.f64x2Splat).simdMem(Simd.v128Store, 4, 0);
  bump(f, pp, 16);
  f.get(q).i32(1).op(Op.i32Sub).tee(q).op(Op.brIf, 0);
  f.op(Op.end);
  f.get(arrs).set(rowAt);
  const row = (xp: number, lane: number): void => {
    for (let j = 0; j < xs.length; j++)
      f.get(xp)
        .simdMem(Simd.v128Load64Splat, 3, j * 16 + lane * 8)
        .set(xs[j]);
    f.get(closest)
      .simdMem(Simd.v128Load64Splat, 3, lane * 8)
      .set(m);
    f.get(cp).set(cptr).get(pots).set(pp).get(T2).set(q).get(rowAt).set(ap);
    f.op(Op.loop, 0x40);
    f.get(pp);
    f.get(pp).simdMem(Simd.v128Load, 4, 0);
    f.get(m);
    for (let j = 0; j < d; j++) {
      if (j < xs.length) f.get(xs[j]);
      else f.get(xp).simdMem(Simd.v128Load64Splat, 3, j * 16 + lane * 8);
      f.get(cptr).simdMem(Simd.v128Load, 4, j * 16);
      f.simd(Simd.f64x2Sub).tee(t).get(t).simd(Simd.f64x2Mul);
      if (j > 0) f.simd(Simd.f64x2Add);
    }
    f.simd(Simd.f64x2Pmin).tee(v); // d < m ? d : m
    f.simd(Simd.f64x2Add).simdMem(Simd.v128Store, 4, 0);
    f.get(ap)
      .get(v)
      .storeLane(lane * 8, 0);
    // The last pair's second lane is the padding candidate when T is odd (q counts down to 1).
    f.get(q).i32(1).op(Op.i32Ne).get(evenT).op(Op.i32Or).op(Op.if, 0x40);
    f.get(ap)
      .get(stride)
      .op(Op.i32Add)
      .get(v)
      .storeLane(lane * 8, 1);
    f.op(Op.end);
    bump(f, pp, 16);
    bump(f, cptr, d * 16);
    f.get(ap).get(stride).i32(1).op(Op.i32Shl).op(Op.i32Add).set(ap);
    f.get(q).i32(1).op(Op.i32Sub).tee(q).op(Op.brIf, 0);
    f.op(Op.end);
  };
  pairLoop(f, d, x, n, (xp, v1) => {
    row(xp, 0);
    f.get(v1).op(Op.if, 0x40);
    row(xp, 1);
    f.op(Op.end);
    bump(f, closest, 16);
    bump(f, rowAt, 16);
  });
  return f;
}

/** The module's bytes for column count d. */
export function kernelModuleBytes(d: number): Uint8Array<ArrayBuffer> {
  return encodeModule([lloydPass(d), firstPass(d), boundedPass(d), kppInit(d), kppScore(d), inertia(d)]);
}

/** A one-function module using f64x2: validating it tells whether this runtime has SIMD. */
export function simdProbeBytes(): Uint8Array<ArrayBuffer> {
  const f = new Fn("probe", [F64], [F64]);
  f.get(0).simd(Simd.f64x2Splat).get(0).simd(Simd.f64x2Splat).simd(Simd.f64x2Add);
  f.simd(Simd.f64x2ExtractLane, 0);
  return encodeModule([f]);
}

export type KernelExports = {
  lloydPass(
    x: number,
    n: number,
    cr: number,
    k: number,
    labels: number,
    sums: number,
    counts: number,
    acc: number,
    out: number,
  ): number;
  firstPass(
    x: number,
    n: number,
    cr: number,
    k: number,
    labels: number,
    upper: number,
    lower: number,
    sums: number,
    counts: number,
  ): number;
  boundedPass(
    x: number,
    n: number,
    cr: number,
    k: number,
    labels: number,
    upper: number,
    lower: number,
    shift: number,
    halfGap: number,
    first: number,
    nextShift: number,
    maxShift: number,
    sums: number,
    counts: number,
    acc: number,
  ): number;
  kppInit(x: number, n: number, row: number, closest: number): number;
  kppScore(
    x: number,
    n: number,
    cp: number,
    T2: number,
    closest: number,
    pots: number,
    arrs: number,
    stride: number,
    evenT: number,
  ): void;
  inertia(x: number, n: number, cr: number, labels: number): number;
};
