/**
 * The channel between Microsoft's Excel client and the test workbook: the client's native-bridge hook.
 *
 * When a global `_richApiNativeBridge` exists as Microsoft's Excel script loads, the script talks to its host
 * through it (HostBridge.init in the script): `sendMessageToHost(text)` carries a request (`type: 1`, the
 * ProcessQuery body in `message.body`), and the host answers by calling `onMessageFromHost(text)` with the
 * same `id` (`type: 2`, `message: { statusCode, headers, body }`), or pushes an event (`type: 3`). This is
 * the channel Excel on Windows and Mac use, so `Excel.run(batch)` and `new Excel.RequestContext()` reach
 * the test workbook exactly as the add-in calls them. See test/host/README.md for why this channel.
 */
import type { Server } from "./server/protocol";

/** The bridge object Microsoft's script expects, plus what the test host drives it with. */
export type NativeBridge = {
  sendMessageToHost(text: string): void;
  /** Set by Microsoft's script when it loads. */
  onMessageFromHost?: (text: string) => void;
};

/**
 * Event ids and the entry category are Microsoft's: `Workbook.onSelectionChanged` registers event 2
 * (office10EventIdDocumentSelectionChangedEvent) and an event entry has category 65536
 * (Constants.eventMessageCategory), both read from the script of the pinned @microsoft/office-js.
 */
const SELECTION_CHANGED_EVENT = 2;
const EVENT_MESSAGE_CATEGORY = 65536;

/**
 * Connects a bridge object to the test workbook: `target` is the object Microsoft's script was (or will be)
 * given as `_richApiNativeBridge` (in the browser it exists before the workbook does).
 */
export function createBridge(
  server: Server,
  latencyMs = 0,
  target: NativeBridge = { sendMessageToHost: () => undefined },
): NativeBridge & { pushSelectionChanged(): void } {
  let nextEvent = 1;
  const bridge = target as NativeBridge & { pushSelectionChanged(): void };
  bridge.sendMessageToHost = (text: string) => {
    const message = JSON.parse(text) as { id: number; type: number; message: { body?: unknown } };
    if (message.type !== 1) return;
    const body = message.message.body;
    const requestText = typeof body === "string" ? body : JSON.stringify(body ?? {});
    // Excel answers on a later task, never inside the call that sent the request.
    setTimeout(() => {
      const reply = server.processQuery(requestText);
      bridge.onMessageFromHost?.(
        JSON.stringify({ id: message.id, type: 2, message: { statusCode: 200, headers: {}, body: reply } }),
      );
    }, latencyMs);
  };
  bridge.pushSelectionChanged = () => {
    const entry = [EVENT_MESSAGE_CATEGORY, SELECTION_CHANGED_EVENT, "", JSON.stringify({}), nextEvent++];
    server.noteAnswered("Workbook", "OnSelectionChanged");
    setTimeout(
      () => bridge.onMessageFromHost?.(JSON.stringify({ type: 3, message: { entries: [entry] } })),
      0,
    );
  };
  server.workbook.addSelectionListener(() => bridge.pushSelectionChanged());
  return bridge;
}
