import type { Matrix } from "../core/matrix";
import { useWasm, wasmUsesBounds, type Backend, type BackendChoice, type PassMode } from "../wasm/backend";
import { WasmKernels } from "../wasm/kernels";

/**
 * Large per-run buffers (bounds, k-means++ distances, labels), kept across the nInit runs of one fit
 * so a fit allocates them once instead of once per run: that caps peak memory, and the garbage the
 * runs would otherwise leave behind, whatever nInit is.
 */
export class Workspace {
  private readonly floats = new Map<string, Float64Array>();
  private readonly ints = new Map<string, Int32Array>();
  private spareLabels: Int32Array | undefined;
  private kernels: WasmKernels | undefined;
  private kernelsFor: Matrix | undefined;
  private kernelsData: Float64Array | undefined;
  private readonly backend: BackendChoice;
  private readonly passMode: PassMode;
  /** The kernels the last pass ran on: what a fit reports as its backend. */
  used: Backend | undefined;

  /** The backend choice and pass mode are the caller's options (see wasm/backend.ts), "auto" by default. */
  constructor(options: { backend?: BackendChoice; passMode?: PassMode } = {}) {
    this.backend = options.backend ?? "auto";
    this.passMode = options.passMode ?? "auto";
  }

  /**
   * The WebAssembly kernels with X loaded, when the backend choice allows them (see wasm/backend.ts);
   * undefined means "use the JavaScript kernels". X is copied in once per workspace.
   */
  wasm(X: Matrix): WasmKernels | undefined {
    if (!useWasm(this.backend)) {
      this.used = "js";
      return undefined;
    }
    if (this.kernelsFor !== X || this.kernelsData !== X.data) {
      // One attempt per matrix: undefined (memory could not be had) sticks, and JavaScript runs.
      this.kernels = undefined;
      this.kernels = WasmKernels.create(X);
      this.kernelsFor = X;
      this.kernelsData = X.data;
    }
    this.used = this.kernels ? "wasm" : "js";
    return this.kernels;
  }

  /**
   * Done with the fit: its WebAssembly memory goes to the next fit (wasm/memoryPool.ts). Called by the
   * fit that made the workspace, once nothing it returns points into that memory.
   */
  release(): void {
    this.kernels?.release();
    this.kernels = undefined;
    this.kernelsFor = undefined;
    this.kernelsData = undefined;
  }

  /** Whether a WebAssembly "hamerly" run with k centres should use Hamerly's bounds (backend.ts). */
  usesBounds(k: number): boolean {
    return wasmUsesBounds(k, this.passMode);
  }

  /** A Float64Array of this length for this purpose; its contents are whatever the last user left. */
  float64(name: string, length: number): Float64Array {
    let a = this.floats.get(name);
    if (!a || a.length !== length) {
      a = new Float64Array(length);
      this.floats.set(name, a);
    }
    return a;
  }

  int32(name: string, length: number): Int32Array {
    let a = this.ints.get(name);
    if (!a || a.length !== length) {
      a = new Int32Array(length);
      this.ints.set(name, a);
    }
    return a;
  }

  /** A labels array the caller may return in its result; hand it back with releaseLabels when unused. */
  takeLabels(length: number): Int32Array {
    const a = this.spareLabels;
    this.spareLabels = undefined;
    return a && a.length === length ? a : new Int32Array(length);
  }

  releaseLabels(labels: Int32Array): void {
    this.spareLabels = labels;
  }
}
