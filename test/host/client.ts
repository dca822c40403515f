/**
 * Microsoft's Excel client (npm @microsoft/office-js, pinned in package.json) loaded in Node: the script of
 * the platform under test runs unmodified in a `vm` context with a small DOM stub, its native-bridge hook
 * pointing at the test workbook (bridge.ts). Its `Excel` and `OfficeExtension` are what src/excel runs on.
 * The package's files are read from node_modules at test time only; nothing of them is copied or bundled.
 */
import { readFileSync } from "node:fs";
import { createContext, Script } from "node:vm";
import type { NativeBridge } from "./bridge";
import { selectionHandlers } from "./clientSelection";
import { CLIENT_SCRIPTS } from "./clientScripts";
import type { Platform } from "./workbook";

export type ExcelClient = {
  Excel: typeof Excel;
  OfficeExtension: typeof OfficeExtension;
  /** Handlers registered with workbook.onSelectionChanged, as Microsoft's client holds them. */
  selectionHandlers(): number;
  /** The script's file, as it appears in stack traces. */
  file: string;
};

const compiled = new Map<string, Script>();

export function clientScriptPath(platform: Platform): string {
  return require.resolve(`@microsoft/office-js/dist/${CLIENT_SCRIPTS[platform]}`);
}

function script(platform: Platform): Script {
  const path = clientScriptPath(platform);
  let s = compiled.get(path);
  if (!s) {
    s = new Script(readFileSync(path, "utf8"), { filename: path });
    compiled.set(path, s);
  }
  return s;
}

/** Loads a fresh copy of Microsoft's client (its own globals and state) talking to `bridge`. */
export function loadExcelClient(platform: Platform, bridge: NativeBridge): ExcelClient {
  const noop = () => undefined;
  // Timers are looked up when called, so a test's fake timers (jest.useFakeTimers) drive the client too.
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout: (...a: Parameters<typeof setTimeout>) => globalThis.setTimeout(...a),
    clearTimeout: (id: Parameters<typeof clearTimeout>[0]) => globalThis.clearTimeout(id),
    setInterval: (...a: Parameters<typeof setInterval>) => globalThis.setInterval(...a),
    clearInterval: (id: Parameters<typeof clearInterval>[0]) => globalThis.clearInterval(id),
    queueMicrotask: (f: () => void) => globalThis.queueMicrotask(f),
    navigator: { userAgent: "Node.js (test host)", language: "en-US" },
    document: {
      readyState: "complete",
      cookie: "",
      createElement: () => ({ setAttribute: noop, style: {} }),
      getElementsByTagName: () => [],
      addEventListener: noop,
      removeEventListener: noop,
    },
    location: {
      href: "https://localhost/taskpane.html",
      search: "",
      hash: "",
      protocol: "https:",
      host: "localhost",
    },
    addEventListener: noop,
    removeEventListener: noop,
    _richApiNativeBridge: bridge,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  const context = createContext(sandbox);
  script(platform).runInContext(context);
  const OfficeExtensionNs = sandbox.OfficeExtension as typeof OfficeExtension;
  return {
    Excel: sandbox.Excel as typeof Excel,
    OfficeExtension: OfficeExtensionNs,
    file: clientScriptPath(platform),
    selectionHandlers: () => selectionHandlers(OfficeExtensionNs),
  };
}
