import { kernelModuleBytes, simdProbeBytes, type KernelExports } from "./module";
import { silhouetteModuleBytes } from "./silhouetteModule";

/**
 * Which implementation runs the hot passes, passed in as the `backend` option of each call. "auto"
 * (the default) uses WebAssembly SIMD when this runtime has it and may compile synchronously, else the
 * JavaScript kernels; "js" forces JavaScript (tests compare the two); "wasm" insists on WebAssembly and
 * throws when it is unavailable. k-means gives bit-identical results on both; only speed differs.
 */
export type BackendChoice = "auto" | "js" | "wasm";
export type Backend = "js" | "wasm";

/**
 * How the default algorithm ("hamerly") runs under WebAssembly (the `passMode` option). "auto": Lloyd's passes while k is at
 * most FULL_SCAN_MAX_K (the SIMD scan over so few centres costs less than the bounds' bookkeeping,
 * memory traffic and unpredictable branches), Hamerly's bounded passes beyond. "bounded" and "full"
 * force one route, for tests. Hamerly's and Lloyd's iterations are identical, so all three give the
 * same result bit for bit.
 */
export type PassMode = "auto" | "bounded" | "full";

/** Measured on the bench sets: full scans win up to k = 8, bounds from about k = 12. */
export const FULL_SCAN_MAX_K = 8;

let supported: boolean | undefined;
const modules = new Map<number, WebAssembly.Module>();
const silhouetteModules = new Map<number, WebAssembly.Module>();

/** Whether a WebAssembly "hamerly" run with k centres should use the bounds. */
export function wasmUsesBounds(k: number, mode: PassMode = "auto"): boolean {
  return mode === "bounded" || (mode === "auto" && k > FULL_SCAN_MAX_K);
}

/**
 * True when WebAssembly with SIMD can be compiled here, synchronously. Checked once. A browser's main
 * thread is excluded: Chrome refuses synchronous compiles of modules over 4 KB there, so the inline
 * (main-thread) fallback keeps the JavaScript path; workers, Node and jest qualify. A content security
 * policy without 'wasm-unsafe-eval' makes the probe's compile throw, which also selects JavaScript.
 */
export function wasmSupported(): boolean {
  if (supported === undefined) supported = probe();
  return supported;
}

function probe(): boolean {
  try {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") return false;
    const g = globalThis as { window?: unknown; document?: unknown };
    if (typeof g.window !== "undefined" && typeof g.document !== "undefined") return false;
    const bytes = simdProbeBytes();
    if (!WebAssembly.validate(bytes)) return false;
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      env: { mem: new WebAssembly.Memory({ initial: 1 }) },
    });
    return (inst.exports.probe as (x: number) => number)(1.5) === 3;
  } catch {
    return false;
  }
}

/** Whether a pass with this backend choice should use WebAssembly. */
export function useWasm(choice: BackendChoice = "auto"): boolean {
  if (choice === "js") return false;
  if (choice === "wasm") {
    if (!wasmSupported()) throw new Error("WebAssembly SIMD is not available in this runtime");
    return true;
  }
  return wasmSupported();
}

/** The compiled kernels for column count d (compiled once per d, synchronously). */
export function kernelModule(d: number): WebAssembly.Module {
  let m = modules.get(d);
  if (!m) {
    m = new WebAssembly.Module(kernelModuleBytes(d));
    modules.set(d, m);
  }
  return m;
}

/** The exact silhouette's pair loop for column count d (silhouetteModule.ts), compiled once per d. */
export function silhouetteModule(d: number): WebAssembly.Module {
  let m = silhouetteModules.get(d);
  if (!m) {
    m = new WebAssembly.Module(silhouetteModuleBytes(d));
    silhouetteModules.set(d, m);
  }
  return m;
}

export type { KernelExports };
