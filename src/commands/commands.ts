/// <reference types="office-js" />

// Ribbon commands. With the shared runtime this bundle loads in the task pane's page (taskpane.html),
// so handlers here share globals and modules with the task pane and the custom functions.
//
// The "Cluster data" button uses the ShowTaskpane action, which Office carries out itself. A button with
// an ExecuteFunction action names a handler here; register it with Office.actions.associate, e.g.
//   Office.actions.associate("clusterSelection", (event) => { ...; event.completed(); });

/** Handlers for ExecuteFunction ribbon actions, by the action's FunctionName in the manifest. */
export const commandHandlers: Record<string, (event: Office.AddinCommands.Event) => void> = {};

Office.onReady(() => {
  for (const [name, handler] of Object.entries(commandHandlers)) {
    Office.actions.associate(name, handler);
  }
});
