import type { Matrix } from "../engine";

// A local binding: a global looked up a few million times is slow where code runs in a vm context (jest).
const imul = Math.imul;

/**
 * A cache key for a matrix's exact contents: its shape and two independent 32-bit hashes of its bytes
 * (FNV-1a byte by byte, and a multiply-rotate mix word by word), so a wrong hit needs both to collide.
 * About 10 ms per million numbers, small next to any fit.
 */
export function matrixKey(X: Matrix): string {
  const bytes = new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength);
  let fnv = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) fnv = imul(fnv ^ bytes[i], 0x01000193);
  // Float64Array views are 8-byte aligned, so a 32-bit view of the same bytes is always possible.
  const words = new Uint32Array(X.data.buffer, X.data.byteOffset, X.data.length * 2);
  let mix = 0x9747b28c;
  for (let i = 0; i < words.length; i++) {
    mix = imul(mix ^ words[i], 0x5bd1e995);
    mix ^= mix >>> 15;
  }
  return `${X.rows}x${X.cols}:${hex(fnv)}${hex(mix)}`;
}

function hex(h: number): string {
  return (h >>> 0).toString(16).padStart(8, "0");
}
