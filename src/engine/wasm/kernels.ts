import type { Matrix } from "../core/matrix";
import { kernelModule, type KernelExports } from "./backend";
import { returnMemory, takeMemory } from "./memoryPool";

const PAGE = 65536;
const MAX_PAGES = 65536;

function align16(b: number): number {
  return Math.ceil(b / 16) * 16;
}

/**
 * One fit's WebAssembly state: a memory holding a copy of X (in row pairs, see module.ts), the
 * labels, the two bound arrays, and a small region for centres, sums and counts, laid out for the
 * largest k seen. While k-means++ seeds, the bound arrays (dead before a run starts) and as many more
 * n-length arrays as it needs after them hold each candidate's nearest distances. Kept by the fit's
 * Workspace, so the copy and the memory serve every run of the fit and go away with it.
 */
export class WasmKernels {
  readonly n: number;
  readonly d: number;
  private readonly memory: WebAssembly.Memory;
  private readonly ex: KernelExports;
  readonly x = 0;
  readonly labels: number;
  readonly upper: number;
  readonly lower: number;
  /** Bytes between consecutive per-row f64 arrays (upper, lower, then k-means++'s extra ones). */
  private readonly stride: number;
  /** How many per-row f64 arrays start at `upper`; the small region follows them. */
  private rowArrays = 2;
  private smallStart: number;
  private smallCap = 0;
  /** Where k-means++'s nearest distances are: one of the per-row arrays. */
  private closestAt: number;
  // Small region, laid out by reserve().
  cp = 0;
  cr = 0;
  sums = 0;
  counts = 0;
  shift = 0;
  halfGap = 0;
  out = 0;

  private constructor(
    readonly source: Float64Array,
    n: number,
    d: number,
  ) {
    this.n = n;
    this.d = d;
    // Every per-row array has a slot for the padding row of an odd n.
    const rows = n + (n & 1);
    this.labels = align16(rows * d * 8);
    this.upper = align16(this.labels + rows * 4);
    // rows is even, so each array is a whole number of 16-byte pairs and lower is upper + stride.
    this.stride = rows * 8;
    this.lower = this.upper + this.stride;
    this.closestAt = this.upper;
    this.smallStart = align16(this.lower + this.stride);
    const pages = Math.ceil((this.smallStart + PAGE) / PAGE);
    if (pages > MAX_PAGES) throw new RangeError("data too large for WebAssembly memory");
    this.memory = takeMemory(pages);
    const inst = new WebAssembly.Instance(kernelModule(d), { env: { mem: this.memory } });
    this.ex = inst.exports as unknown as KernelExports;
    const xs = this.f64(this.x, rows * d);
    const full = n >> 1;
    for (let p = 0, o = 0, a = 0; p < full; p++, a += 2 * d) {
      for (let j = 0, b = a + d; j < d; j++, o += 2) {
        xs[o] = source[a + j];
        xs[o + 1] = source[b + j];
      }
    }
    if (n & 1) {
      const a = (n - 1) * d;
      for (let j = 0, o = full * 2 * d; j < d; j++, o += 2) xs[o] = xs[o + 1] = source[a + j];
    }
  }

  /** Kernels with X copied in, or undefined when memory cannot be had (the caller uses JavaScript). */
  static create(X: Matrix): WasmKernels | undefined {
    try {
      return new WasmKernels(X.data, X.rows, X.cols);
    } catch (e) {
      if (e instanceof RangeError) return undefined;
      throw e;
    }
  }

  /** Hands the memory to the next fit (memoryPool.ts); this object must not be used afterwards. */
  release(): void {
    returnMemory(this.memory);
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }

  /** Lays out the small region for k centres (and k k-means++ candidates), growing memory if needed. */
  reserve(k: number): void {
    if (k <= this.smallCap) return;
    const d = this.d;
    const pairs = Math.ceil(k / 2);
    let p = this.smallStart;
    this.cp = p;
    p = align16(p + pairs * d * 16);
    this.cr = p;
    p = align16(p + k * d * 8);
    this.sums = p;
    p = align16(p + k * d * 8);
    this.counts = p;
    p = align16(p + k * 8);
    this.shift = p;
    p = align16(p + k * 8);
    this.halfGap = p;
    p = align16(p + k * 8);
    this.out = p;
    p = align16(p + Math.max(16, pairs * 16));
    const need = Math.ceil(p / PAGE);
    const have = this.memory.buffer.byteLength / PAGE;
    if (need > have) this.memory.grow(need - have);
    this.smallCap = k;
  }

  /** Writes k centres (row-major) as pairs for the scans, padding an odd count with +Infinity. */
  setPairs(C: Float64Array, k: number): number {
    const d = this.d;
    const pairs = Math.ceil(k / 2);
    const out = this.f64(this.cp, pairs * 2 * d);
    for (let c = 0; c < pairs * 2; c++) {
      const o = (c >> 1) * 2 * d + (c & 1);
      if (c < k) for (let j = 0; j < d; j++) out[o + 2 * j] = C[c * d + j];
      else for (let j = 0; j < d; j++) out[o + 2 * j] = Infinity;
    }
    return pairs;
  }

  /** Centres, row-major, for a pass over them. */
  setCenters(C: Float64Array, k: number): void {
    this.reserve(k);
    this.f64(this.cr, k * this.d).set(C.subarray(0, k * this.d));
  }

  /** Lloyd's assignment of every row; with `accumulate`, also the cluster sums and counts. */
  lloydPass(C: Float64Array, k: number, accumulate: boolean): { changed: number; inertia: number } {
    this.setCenters(C, k);
    this.clearSums(k);
    const changed = this.ex.lloydPass(
      this.x,
      this.n,
      this.cr,
      k,
      this.labels,
      this.sums,
      this.counts,
      accumulate ? 1 : 0,
      this.out,
    );
    return { changed, inertia: this.f64(this.out, 1)[0] };
  }

  /** A full assignment setting exact bounds; returns the number of labels that changed. */
  firstPass(C: Float64Array, k: number): number {
    this.setCenters(C, k);
    this.clearSums(k);
    return this.ex.firstPass(
      this.x,
      this.n,
      this.cr,
      k,
      this.labels,
      this.upper,
      this.lower,
      this.sums,
      this.counts,
    );
  }

  boundedPass(
    C: Float64Array,
    k: number,
    shift: Float64Array,
    halfGap: Float64Array,
    first: number,
    nextShift: number,
    maxShift: number,
    accumulate: boolean,
  ): number {
    this.setCenters(C, k);
    this.clearSums(k);
    this.f64(this.shift, k).set(shift);
    this.f64(this.halfGap, k).set(halfGap);
    return this.ex.boundedPass(
      this.x,
      this.n,
      this.cr,
      k,
      this.labels,
      this.upper,
      this.lower,
      this.shift,
      this.halfGap,
      first,
      nextShift,
      maxShift,
      this.sums,
      this.counts,
      accumulate ? 1 : 0,
    );
  }

  /**
   * inertiaOf for the labels now in memory: each row's squared distance to its labelled centre, summed
   * in row order.
   */
  inertia(C: Float64Array, k: number): number {
    this.setCenters(C, k);
    return this.ex.inertia(this.x, this.n, this.cr, this.labels);
  }

  /** Copies the sums and counts of the last accumulating pass out. */
  readSums(sums: Float64Array, counts: Float64Array): void {
    sums.set(this.f64(this.sums, sums.length));
    counts.set(this.f64(this.counts, counts.length));
  }

  labelsView(): Int32Array {
    return this.i32(this.labels, this.n);
  }

  private clearSums(k: number): void {
    this.f64(this.sums, k * this.d).fill(0);
    this.f64(this.counts, k).fill(0);
  }

  // k-means++: the nearest distances start in `upper`; kppScore writes every candidate's into the
  // per-row arrays, and kppKeep points at the winner's, so a step is one pass over X.

  /** Each row's squared distance to the X row `row`, into the nearest-distance array; returns the sum. */
  kppInit(row: number): number {
    const at = this.x + (row >> 1) * 16 * this.d + (row & 1) * 8;
    this.closestAt = this.upper;
    return this.ex.kppInit(this.x, this.n, at, this.upper);
  }

  /**
   * Each candidate's potential, into pots[0..trials); candidate t's nearest distances (the current ones
   * lowered by its own) are left in per-row array t, for kppKeep.
   */
  kppScore(C: Float64Array, trials: number, pots: Float64Array): void {
    const pairs = Math.ceil(trials / 2);
    this.ensureRowArrays(trials);
    this.reserve(trials);
    this.setPairs(C, trials);
    const { x, n, cp, closestAt, out, upper, stride } = this;
    this.ex.kppScore(x, n, cp, pairs, closestAt, out, upper, stride, trials % 2 === 0 ? 1 : 0);
    pots.set(this.f64(this.out, trials));
  }

  /** Candidate t of the last kppScore won: its distances become the nearest distances. */
  kppKeep(t: number): void {
    this.closestAt = this.upper + t * this.stride;
  }

  /** The nearest distances; a fresh view, since kppScore may grow the memory (detaching old views). */
  closestView(): Float64Array {
    return this.f64(this.closestAt, this.n);
  }

  /** Room for `count` per-row arrays from `upper` on: moves the small region (it holds no state between passes). */
  private ensureRowArrays(count: number): void {
    if (count <= this.rowArrays) return;
    this.rowArrays = count;
    this.smallStart = align16(this.upper + count * this.stride);
    this.smallCap = 0;
  }
}
