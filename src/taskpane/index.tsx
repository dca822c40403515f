/// <reference types="office-js" />
import { createRoot } from "react-dom/client";
import { createExcelHost } from "../excel/host";
import { setRunner as shareWithFunctions } from "../worker/sharedRunner";
import { createClusterClient } from "../worker/client";
import { spawnBrowserWorker } from "../worker/spawn";
import { App } from "./App";
import { pickTheme } from "./theme";

/** The pane, the ribbon and the functions share this runtime; the pane owns the worker pool. */
function mount(): void {
  const container = document.getElementById("container");
  if (!container) return;
  const runner = createClusterClient({ spawn: spawnBrowserWorker });
  // One pool for the pane and the worksheet functions, which share this runtime.
  shareWithFunctions(runner);
  window.addEventListener("unload", () => runner.dispose());
  const theme = pickTheme(Office.context?.officeTheme?.bodyBackgroundColor);
  createRoot(container).render(<App host={createExcelHost()} runner={runner} theme={theme} />);
}

Office.onReady(() => mount());
