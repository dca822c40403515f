/**
 * The dedicated worker's entry. webpack bundles it as its own chunk from spawn.ts; it must not use
 * import.meta or DOM-only APIs, only the worker scope.
 */
import { serve } from "./serve";

const scope = self as unknown as DedicatedWorkerGlobalScope;

serve({
  postMessage: (message, transfer) => scope.postMessage(message, transfer),
  onMessage: (handler) => {
    scope.onmessage = (event: MessageEvent) => handler(event.data);
  },
});
