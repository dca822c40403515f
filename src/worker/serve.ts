import { runJob } from "./handler";
import type { WorkerRequest, WorkerResponse } from "./protocol";
import { toWireError } from "./wireError";

/** The worker's end of a message channel: the browser's worker scope or Node's parentPort. */
export type Port = {
  postMessage(message: WorkerResponse, transfer: ArrayBuffer[]): void;
  onMessage(handler: (message: unknown) => void): void;
};

/**
 * Answers run requests on a port: progress while the job runs, then its result or error. Jobs run one at a
 * time and block the thread, which is what a dedicated worker is for; the caller cancels by terminating.
 */
export function serve(port: Port): void {
  port.onMessage((message) => {
    const request = message as WorkerRequest;
    if (!request || request.type !== "run") return;
    const { id } = request;
    let response: WorkerResponse;
    let transfer: ArrayBuffer[] = [];
    try {
      const ran = runJob(request.job, (progress) => port.postMessage({ type: "progress", id, progress }, []));
      response = { type: "result", id, output: ran.output };
      transfer = ran.transfer;
    } catch (e) {
      response = { type: "error", id, error: toWireError(e) };
    }
    try {
      port.postMessage(response, transfer);
    } catch (e) {
      // An output that cannot be cloned must still settle the caller's promise.
      port.postMessage({ type: "error", id, error: toWireError(e) }, []);
    }
  });
}
