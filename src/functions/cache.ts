import { abortError } from "../engine";

export type SharedCache<T> = {
  /**
   * The value under key, computing it when absent. Callers asking while it computes share the one
   * computation. A caller's signal withdraws its interest; the computation is aborted (and forgotten)
   * only when every caller that could withdraw has, and none that could not is waiting.
   */
  get(key: string, compute: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Whether key's value is kept or being computed. */
  has(key: string): boolean;
  clear(): void;
  readonly size: number;
};

type Entry<T> = { promise: Promise<T>; controller: AbortController; waiters: number; settled: boolean };

/** Least recently used entries go first; a failed computation is never kept, so a recalculation retries. */
export function createSharedCache<T>(capacity: number): SharedCache<T> {
  const entries = new Map<string, Entry<T>>();

  const forget = (key: string, entry: Entry<T>) => {
    if (entries.get(key) === entry) entries.delete(key);
  };

  const start = (key: string, compute: (signal: AbortSignal) => Promise<T>): Entry<T> => {
    const controller = new AbortController();
    const promise = (async () => compute(controller.signal))().then(
      (value) => {
        entry.settled = true;
        return value;
      },
      (e: unknown) => {
        entry.settled = true;
        forget(key, entry);
        throw e;
      },
    );
    const entry: Entry<T> = { promise, controller, waiters: 0, settled: false };
    entries.set(key, entry);
    for (const oldest of entries.keys()) {
      if (entries.size <= capacity) break;
      entries.delete(oldest);
    }
    return entry;
  };

  const follow = (key: string, entry: Entry<T>, signal: AbortSignal | undefined) => {
    entry.waiters++;
    if (!signal) return;
    signal.addEventListener(
      "abort",
      () => {
        entry.waiters--;
        if (entry.waiters === 0 && !entry.settled) {
          forget(key, entry);
          entry.controller.abort();
        }
      },
      { once: true },
    );
  };

  return {
    get(key, compute, signal) {
      if (signal?.aborted) return Promise.reject(abortError());
      let entry = entries.get(key);
      if (entry) {
        entries.delete(key);
        entries.set(key, entry);
      } else {
        entry = start(key, compute);
      }
      if (!entry.settled) follow(key, entry, signal);
      return entry.promise;
    },
    has: (key) => entries.has(key),
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
