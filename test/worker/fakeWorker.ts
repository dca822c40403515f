import type { WorkerLike } from "../../src/worker/client";
import type { WorkerRequest } from "../../src/worker/protocol";
import { serve } from "../../src/worker/serve";

export type FakeWorker = WorkerLike & {
  terminated: boolean;
  /** The kind of every job posted to this worker. */
  jobs: string[];
  /** Called right after each message is handed to onmessage, in the same tick. */
  afterDelivery?: (data: unknown) => void;
  crash(message: string): void;
};

/**
 * A worker in this thread, for pool logic that needs no real thread: serve() answers on a later tick,
 * and messages cross by structuredClone with their transfer lists, so buffers detach as they would.
 */
export function spawnFakeWorker(): FakeWorker {
  let handler: (message: unknown) => void = () => {};
  const fake: FakeWorker = {
    terminated: false,
    jobs: [],
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      fake.jobs.push((message as WorkerRequest).job.kind);
      const copy = cross(message, transfer);
      setTimeout(() => {
        if (!fake.terminated) handler(copy);
      });
    },
    terminate() {
      fake.terminated = true;
    },
    crash(message) {
      setTimeout(() => fake.onerror?.({ message }));
    },
  };
  serve({
    postMessage: (message, transfer) => {
      const copy = cross(message, transfer);
      setTimeout(() => {
        if (fake.terminated) return;
        fake.onmessage?.({ data: copy });
        fake.afterDelivery?.(copy);
      });
    },
    onMessage: (h) => {
      handler = h;
    },
  });
  return fake;
}

/**
 * structuredClone with transfer, as postMessage does. Under jest, structuredClone builds its typed arrays
 * in Node's own realm, where the engine's `instanceof Float64Array` fails, so they are rebuilt in this one
 * (a real worker deserialises into its own realm).
 */
function cross(message: unknown, transfer: ArrayBuffer[]): unknown {
  return intoThisRealm(structuredClone(message, { transfer }));
}

const typedArrays: Record<string, new (a: ArrayLike<number>) => unknown> = {
  Float64Array,
  Int32Array,
  Uint8Array,
};

function intoThisRealm(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return new typedArrays[v.constructor.name](v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(intoThisRealm);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([key, value]) => [key, intoThisRealm(value)]));
  }
  return v;
}
