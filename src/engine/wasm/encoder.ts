/**
 * A minimal WebAssembly binary encoder: just enough to write the engine's kernels (one imported
 * memory, functions with i32/i64/f64/v128 locals, structured control flow, scalar and SIMD opcodes).
 * The bytes are a pure function of the generator's input, so the module is reproducible from source
 * and needs no toolchain or registry package.
 */

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof I64 | typeof F64 | typeof V128;

/** Opcodes used by the kernels (single byte; SIMD ones go through `simd`). */
export const Op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  drop: 0x1a,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  f64Load: 0x2b,
  i32Store: 0x36,
  f64Store: 0x39,
  i32Const: 0x41,
  i64Const: 0x42,
  f64Const: 0x44,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtS: 0x48,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32GeS: 0x4e,
  f64Eq: 0x61,
  f64Lt: 0x63,
  f64Gt: 0x64,
  f64Ge: 0x66,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Or: 0x72,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  f64Sqrt: 0x9f,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  i32WrapI64: 0xa7,
} as const;

/** SIMD opcodes (after the 0xfd prefix). Only IEEE add/sub/mul and exact selects: no fused ops. */
export const Simd = {
  v128Load: 0x00,
  v128Load64Splat: 0x0a,
  v128Store: 0x0b,
  v128Const: 0x0c,
  i8x16Shuffle: 0x0d,
  f64x2Splat: 0x14,
  i64x2ExtractLane: 0x1d,
  f64x2ExtractLane: 0x21,
  f64x2ReplaceLane: 0x22,
  f64x2Lt: 0x49,
  f64x2Ge: 0x4c,
  v128And: 0x4e,
  v128Bitselect: 0x52,
  v128AnyTrue: 0x53,
  v128Load64Lane: 0x57,
  v128Store64Lane: 0x5b,
  i64x2Add: 0xce,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Sqrt: 0xef,
  f64x2Pmin: 0xf6,
  f64x2Pmax: 0xf7,
} as const;

export function uleb(out: number[], v: number): void {
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
}

export function sleb(out: number[], v: number): void {
  for (;;) {
    const b = v & 0x7f;
    v = Math.floor(v / 128);
    const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return;
  }
}

const f64Scratch = new DataView(new ArrayBuffer(8));

/** One function body under construction: parameters first, then locals, as WebAssembly numbers them. */
export class Fn {
  readonly code: number[] = [];
  private readonly locals: ValType[] = [];

  constructor(
    readonly name: string,
    readonly params: ValType[],
    readonly results: ValType[],
  ) {}

  /** A new local of this type; returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  simd(opcode: number, ...imm: number[]): this {
    this.code.push(0xfd);
    uleb(this.code, opcode);
    this.code.push(...imm);
    return this;
  }

  get(i: number): this {
    this.code.push(Op.localGet);
    uleb(this.code, i);
    return this;
  }

  set(i: number): this {
    this.code.push(Op.localSet);
    uleb(this.code, i);
    return this;
  }

  tee(i: number): this {
    this.code.push(Op.localTee);
    uleb(this.code, i);
    return this;
  }

  i32(v: number): this {
    this.code.push(Op.i32Const);
    sleb(this.code, v);
    return this;
  }

  f64(v: number): this {
    this.code.push(Op.f64Const);
    f64Scratch.setFloat64(0, v, true);
    for (let b = 0; b < 8; b++) this.code.push(f64Scratch.getUint8(b));
    return this;
  }

  /** v128.const from two i64 lanes (small non-negative integers). */
  i64x2(a: number, b: number): this {
    this.simd(Simd.v128Const);
    for (const v of [a, b]) {
      f64Scratch.setBigInt64(0, BigInt(v), true);
      for (let i = 0; i < 8; i++) this.code.push(f64Scratch.getUint8(i));
    }
    return this;
  }

  /** A load or store with its memarg (alignment exponent, byte offset). */
  mem(opcode: number, align: number, offset: number): this {
    this.code.push(opcode, align);
    uleb(this.code, offset);
    return this;
  }

  simdMem(opcode: number, align: number, offset: number): this {
    this.simd(opcode, align);
    uleb(this.code, offset);
    return this;
  }

  /** v128.load64_lane: replaces one lane of the vector on the stack with the f64 at ptr + offset. */
  loadLane(offset: number, lane: number): this {
    return this.simdMem(Simd.v128Load64Lane, 3, offset).op(lane);
  }

  /** v128.store64_lane: stores one lane of the vector on the stack at ptr + offset. */
  storeLane(offset: number, lane: number): this {
    return this.simdMem(Simd.v128Store64Lane, 3, offset).op(lane);
  }

  /** The body as the code section stores it: size, grouped locals, instructions, end. */
  encode(): number[] {
    const body: number[] = [];
    const groups: [number, ValType][] = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(body, groups.length);
    for (const [count, type] of groups) {
      uleb(body, count);
      body.push(type);
    }
    body.push(...this.code, Op.end);
    const out: number[] = [];
    uleb(out, body.length);
    return out.concat(body);
  }
}

function section(out: number[], id: number, content: number[]): void {
  out.push(id);
  uleb(out, content.length);
  out.push(...content);
}

function name(out: number[], s: string): void {
  uleb(out, s.length);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

/** A module importing one memory as env.mem and exporting every function under its name. */
export function encodeModule(fns: Fn[]): Uint8Array<ArrayBuffer> {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(types, fns.length);
  for (const f of fns) {
    types.push(0x60);
    uleb(types, f.params.length);
    types.push(...f.params);
    uleb(types, f.results.length);
    types.push(...f.results);
  }
  section(out, 1, types);
  const imports: number[] = [1];
  name(imports, "env");
  name(imports, "mem");
  imports.push(0x02, 0x00, 0x01); // memory, limits: min 1 page, no max
  section(out, 2, imports);
  const funcs: number[] = [];
  uleb(funcs, fns.length);
  fns.forEach((_, i) => uleb(funcs, i));
  section(out, 3, funcs);
  const exports: number[] = [];
  uleb(exports, fns.length);
  fns.forEach((f, i) => {
    name(exports, f.name);
    exports.push(0x00);
    uleb(exports, i);
  });
  section(out, 7, exports);
  const code: number[] = [];
  uleb(code, fns.length);
  for (const f of fns) code.push(...f.encode());
  section(out, 10, code);
  return Uint8Array.from(out);
}
