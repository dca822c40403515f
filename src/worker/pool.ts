import { abortError } from "../engine";
import type { OutputOf, Progress, WorkerJob, WorkerRequest, WorkerResponse } from "./protocol";
import { transferablesOf } from "./transfer";
import { fromWireError } from "./wireError";

/**
 * What the pool needs of a worker. The DOM Worker fits it, and so does test/worker/nodeWorker.ts's
 * adapter over worker_threads. Method syntax keeps the handlers' parameters bivariant, which is what
 * lets the DOM Worker (whose handlers take MessageEvent and ErrorEvent) count as one.
 */
export type WorkerLike = {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  terminate(): void;
  onmessage: Handler<{ data: unknown }> | null;
  onerror: Handler<unknown> | null;
};

type Handler<E> = { handle(event: E): void }["handle"];

export type PoolTask<O> = { promise: Promise<O>; cancel(): void };

export type Pool = {
  /** Queues a job for the next free worker; it is built only then, so X is copied only when sent. */
  submit<J extends WorkerJob>(build: () => J, onProgress: (p: Progress) => void): PoolTask<OutputOf<J>>;
  /** Terminates every worker and rejects everything queued or running; later submits respawn. */
  dispose(): void;
};

type Task = {
  id: number;
  build: () => WorkerJob;
  onProgress: (p: Progress) => void;
  resolve: (output: never) => void;
  reject: (error: Error) => void;
};

type Slot = { worker: WorkerLike | null; task: Task | null };

/**
 * A fixed number of worker slots, each running one job at a time, fed from one FIFO queue. Workers are
 * spawned when first needed and kept for the next job; cancelling a running job terminates its worker
 * at once (a busy worker cannot be interrupted any other way) and the slot respawns on its next job.
 */
export function createPool(spawn: () => WorkerLike, size: number): Pool {
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, task: null }));
  const queue: Task[] = [];
  let nextId = 1;

  const pump = (): void => {
    for (let slot = slots.find((s) => !s.task); slot && queue.length > 0; slot = slots.find((s) => !s.task)) {
      start(slot, queue.shift()!);
    }
  };

  const start = (slot: Slot, task: Task): void => {
    slot.task = task;
    try {
      const job = task.build();
      const worker = slot.worker ?? hire(slot);
      const request: WorkerRequest = { type: "run", id: task.id, job };
      worker.postMessage(request, transferablesOf(job));
    } catch (e) {
      // Nothing reached the worker (a failed spawn leaves none), so only the job fails.
      slot.task = null;
      task.reject(e instanceof Error ? e : new Error(String(e)));
    }
  };

  const hire = (slot: Slot): WorkerLike => {
    const worker = spawn();
    slot.worker = worker;
    worker.onmessage = (event) => {
      if (slot.worker === worker) receive(slot, event.data as WorkerResponse);
    };
    worker.onerror = (event) => {
      if (slot.worker !== worker) return;
      const task = slot.task;
      fire(slot);
      task?.reject(new Error(`The clustering worker failed: ${describe(event)}`));
      pump();
    };
    return worker;
  };

  const receive = (slot: Slot, message: WorkerResponse): void => {
    const task = slot.task;
    if (!task || message.id !== task.id) return;
    if (message.type === "progress") {
      task.onProgress(message.progress);
      return;
    }
    slot.task = null;
    if (message.type === "result") task.resolve(message.output as never);
    else task.reject(fromWireError(message.error));
    pump();
  };

  const fire = (slot: Slot): void => {
    slot.worker?.terminate();
    slot.worker = null;
    slot.task = null;
  };

  const cancel = (task: Task): void => {
    const queued = queue.indexOf(task);
    const slot = slots.find((s) => s.task === task);
    if (queued >= 0) queue.splice(queued, 1);
    else if (slot) fire(slot);
    else return;
    task.reject(abortError());
    pump();
  };

  return {
    submit<J extends WorkerJob>(build: () => J, onProgress: (p: Progress) => void) {
      let task!: Task;
      const promise = new Promise<OutputOf<J>>((resolve, reject) => {
        task = { id: nextId++, build, onProgress, resolve, reject };
      });
      queue.push(task);
      pump();
      return { promise, cancel: () => cancel(task) };
    },
    dispose() {
      for (const task of [...queue, ...slots.map((s) => s.task)]) task?.reject(abortError());
      queue.length = 0;
      slots.forEach(fire);
    },
  };
}

function describe(event: unknown): string {
  if (event instanceof Error) return event.message;
  const message = (event as { message?: unknown } | null)?.message;
  return typeof message === "string" && message ? message : "it stopped unexpectedly";
}
