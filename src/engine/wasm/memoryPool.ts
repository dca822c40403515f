/**
 * One spare WebAssembly memory, handed from a finished fit to the next one on the same thread.
 *
 * A fresh WebAssembly.Memory is mapped anew and every page of it faults on first touch; for a
 * 100,000 × 8 fit that costs several times the copy of X itself, on every call. (A Float64Array of
 * the same size rarely pays it: the allocator recycles pages between calls.) So a fit that is done
 * with its memory returns it here, and the next fit, or the next silhouette, takes it and grows it if
 * it must. The spare is dropped when the thread next goes idle (a zero-delay timer), so it speeds up
 * back-to-back calls (a sweep over k, a bench, a worker's queued jobs) without holding memory after
 * them. A taken memory's contents are whatever its last user left: users initialise what they read.
 * This is a cache of memory, not a setting: results never depend on it.
 */

const PAGE = 65536;

let spare: WebAssembly.Memory | undefined;
let dropScheduled = false;

/** A memory of at least `pages` pages: the spare when there is one (grown as needed), else a new one. */
export function takeMemory(pages: number): WebAssembly.Memory {
  const m = spare;
  spare = undefined;
  if (m) {
    const have = m.buffer.byteLength / PAGE;
    try {
      if (have < pages) m.grow(pages - have);
      return m;
    } catch (e) {
      // Growing failed: let the old one go and try a fresh one of the needed size.
      if (!(e instanceof RangeError)) throw e;
    }
  }
  return new WebAssembly.Memory({ initial: pages });
}

/** Hands a memory no longer used back; the larger of it and the current spare is kept until idle. */
export function returnMemory(m: WebAssembly.Memory): void {
  // Without a timer there is no telling when the thread is idle: keep nothing.
  if (typeof setTimeout !== "function") return;
  if (!spare || m.buffer.byteLength > spare.buffer.byteLength) spare = m;
  if (dropScheduled) return;
  dropScheduled = true;
  const timer: unknown = setTimeout(() => {
    spare = undefined;
    dropScheduled = false;
  }, 0);
  // In Node the timer must not keep the process alive.
  (timer as { unref?: () => void }).unref?.();
}
