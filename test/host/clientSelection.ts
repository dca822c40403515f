/** What Microsoft's client knows that Excel does not: its registered selection handlers. */

/**
 * How many handlers Microsoft's client holds for workbook.onSelectionChanged (event 2). Registering sends
 * Excel nothing on the native bridge, so only the client knows; this reads its registry (a private field of
 * the pinned version, checked by test/host/rules.test.ts).
 */
export function selectionHandlers(officeExtension: unknown): number {
  const registry = (
    officeExtension as {
      GenericEventRegistration: {
        getGenericEventRegistration(id: string): {
          m_eventRegistration: { getHandlers(eventId: number, target: string): unknown[] };
        };
      };
    }
  ).GenericEventRegistration.getGenericEventRegistration("");
  return registry.m_eventRegistration.getHandlers(2, "").length;
}
