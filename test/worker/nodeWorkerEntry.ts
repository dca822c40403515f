import { parentPort } from "worker_threads";
import { serve } from "../../src/worker/serve";

const port = parentPort;
if (!port) throw new Error("nodeWorkerEntry.ts runs only as a worker_threads worker");

serve({
  postMessage: (message, transfer) => port.postMessage(message, transfer),
  onMessage: (handler) => port.on("message", handler),
});
