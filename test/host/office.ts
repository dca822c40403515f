/**
 * The Office, OfficeExtension and CustomFunctions globals of the test host, over one Workbook: what
 * Office.js gives an add-in in Excel on the web, as far as this add-in uses it.
 */
import { createBridge, type NativeBridge } from "./bridge";
import type { ExcelClient } from "./client";
import { EXCEL_TYPES } from "./server/excel";
import { Server, type ServerOptions } from "./server/protocol";
import { OFFICE_PLATFORM, type FunctionsJson, type Workbook } from "./workbook";

export type HostOptions = ServerOptions & {
  /** Requirement sets and the highest version supported, e.g. { ExcelApi: "1.17" }. */
  requirements?: Record<string, string>;
  /** Office's theme colours (a dark body background makes the pane pick its dark theme). */
  theme?: { bodyBackgroundColor: string; bodyForegroundColor: string };
  /** Keep Office.onReady pending until start() (to seed the workbook before the pane starts). */
  holdReady?: boolean;
  /** Loads functions.json for custom function calls (null: guess the parameters from the function). */
  loadFunctionMetadata?: () => Promise<FunctionsJson | null>;
};

export const DEFAULT_REQUIREMENTS: Record<string, string> = {
  ExcelApi: "1.17",
  ExcelApiOnline: "1.1",
  SharedRuntime: "1.1",
  CustomFunctionsRuntime: "1.5",
  RibbonApi: "1.1",
  DialogApi: "1.2",
  IdentityAPI: "1.3",
};

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

const CUSTOM_FUNCTION_ERRORS = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/** CustomFunctions.Error: Excel shows a message only with #VALUE! and #N/A. */
export class CustomFunctionError extends Error {
  code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
    this.name = "CustomFunctions.Error";
    this.code = code;
    if (!Object.values(CUSTOM_FUNCTION_ERRORS).includes(code as never)) {
      throw new TypeError(`CustomFunctions.Error: "${code}" is not a CustomFunctions.ErrorCode`);
    }
    if (message !== undefined && code !== "#VALUE!" && code !== "#N/A") this.message = "";
  }
}

export type TestHost = {
  /** Excel's side: the server Microsoft's client talks to (its stats, what it answered). */
  excel: Server;
  /** Microsoft's client, connected to it. */
  client: ExcelClient;
  Office: Record<string, unknown>;
  Excel: Record<string, unknown>;
  OfficeExtension: Record<string, unknown>;
  CustomFunctions: Record<string, unknown>;
  /** Releases a held Office.onReady. */
  start(): void;
  /** Ribbon command handlers registered with Office.actions.associate. */
  actions: Map<string, unknown>;
  /** The user closing ("Hidden") or opening ("Taskpane") the pane; resolves once the add-in was told. */
  setVisibility(mode: "Hidden" | "Taskpane"): Promise<void>;
  /** The pane's visibility now, and how many onVisibilityModeChanged handlers are registered. */
  visibility(): { mode: "Hidden" | "Taskpane"; handlers: number };
};

type VisibilityMode = "Hidden" | "Taskpane";
type VisibilityHandler = (message: { visibilityMode: VisibilityMode }) => void;

/**
 * The task pane's visibility and Office.addin.onVisibilityModeChanged (SharedRuntime 1.1), as "Show or hide
 * the task pane of your Office Add-in" describes it (https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in):
 * the pane starts shown; hide() and showAsTaskpane() fire the event with { visibilityMode } ("Hidden" or
 * "Taskpane", Office.VisibilityMode), and tests change the mode as the user would with setVisibility;
 * registering resolves to a remover, which is itself asynchronous. Hidden, the runtime and its other
 * listeners live on ("Preservation of state and event listeners", same page).
 */
function paneVisibility() {
  const handlers = new Set<VisibilityHandler>();
  let mode: VisibilityMode = "Taskpane";
  return {
    get mode() {
      return mode;
    },
    /** Changes the mode and resolves once every handler has been told (events arrive asynchronously). */
    set(next: VisibilityMode): Promise<void> {
      if (next === mode) return Promise.resolve();
      mode = next;
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          for (const h of [...handlers]) {
            try {
              h({ visibilityMode: next });
            } catch {
              // A handler's failure is its own.
            }
          }
          resolve();
        }, 0),
      );
    },
    add(handler: VisibilityHandler): Promise<() => Promise<void>> {
      handlers.add(handler);
      return Promise.resolve(() => {
        handlers.delete(handler);
        return Promise.resolve();
      });
    },
    get handlerCount() {
      return handlers.size;
    },
  };
}

/**
 * Connects Microsoft's Excel client to the bridge: in Node a fresh copy in a vm context (client.ts), in the
 * browser the copy the page loaded after installing the bridge (browser.ts).
 */
export type ClientConnector = (bridge: NativeBridge) => ExcelClient;

export function createTestHost(
  workbook: Workbook,
  options: HostOptions,
  connect: ClientConnector,
  bridgeTarget?: NativeBridge,
): TestHost {
  const excel = new Server(workbook, EXCEL_TYPES, options);
  const client = connect(createBridge(excel, options.latencyMs ?? 0, bridgeTarget));
  const pane = paneVisibility();
  const requirements = { ...DEFAULT_REQUIREMENTS, ...(options.requirements ?? {}) };
  const actions = new Map<string, unknown>();
  let release: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    release = resolve;
    if (!options.holdReady) resolve();
  });
  const platform = OFFICE_PLATFORM[workbook.platform];
  const info = { host: "Excel", platform };

  // Office.context.document.settings: a copy taken when the add-in starts, written back by saveAsync.
  const documentSettings = new Map<string, unknown>(workbook.settings);
  const settings = {
    get: (name: string) => (documentSettings.has(name) ? documentSettings.get(name) : null),
    set: (name: string, value: unknown) =>
      void documentSettings.set(name, JSON.parse(JSON.stringify(value ?? null))),
    remove: (name: string) => void documentSettings.delete(name),
    saveAsync: (...args: unknown[]) => {
      const callback = args.find((a) => typeof a === "function") as ((r: unknown) => void) | undefined;
      setTimeout(() => {
        workbook.settings.clear();
        for (const [k, v] of documentSettings) workbook.settings.set(k, v);
        workbook.log("setting", "document settings", "add-in");
        callback?.({ status: "succeeded", value: undefined, error: null, asyncContext: undefined });
      }, 0);
    },
    refreshAsync: (callback?: (r: unknown) => void) => {
      documentSettings.clear();
      for (const [k, v] of workbook.settings) documentSettings.set(k, v);
      setTimeout(() => callback?.({ status: "succeeded", value: settings, error: null }), 0);
    },
    addHandlerAsync: (_t: unknown, _h: unknown, callback?: (r: unknown) => void) =>
      setTimeout(() => callback?.({ status: "succeeded" }), 0),
  };

  const Office: Record<string, unknown> = {
    HostType: {
      Excel: "Excel",
      Word: "Word",
      PowerPoint: "PowerPoint",
      Outlook: "Outlook",
      OneNote: "OneNote",
    },
    PlatformType: {
      PC: "PC",
      OfficeOnline: "OfficeOnline",
      Mac: "Mac",
      iOS: "iOS",
      Android: "Android",
      Universal: "Universal",
    },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { DocumentSelectionChanged: "documentSelectionChanged", SettingsChanged: "settingsChanged" },
    CoercionType: { Text: "text", Matrix: "matrix", Table: "table" },
    onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
      return ready.then(() => {
        callback?.(info);
        return info;
      });
    },
    context: {
      host: "Excel",
      platform,
      diagnostics: { host: "Excel", platform, version: "16.0.0.0" },
      displayLanguage: "en-US",
      contentLanguage: "en-US",
      officeTheme: {
        bodyBackgroundColor: options.theme?.bodyBackgroundColor ?? "#ffffff",
        bodyForegroundColor: options.theme?.bodyForegroundColor ?? "#000000",
        controlBackgroundColor: "#ffffff",
        controlForegroundColor: "#000000",
      },
      requirements: {
        isSetSupported(name: string, minVersion?: string | number): boolean {
          const have = requirements[name];
          if (have === undefined) return false;
          return minVersion === undefined ? true : versionAtLeast(have, String(minVersion));
        },
      },
      document: { settings, url: "https://example.invalid/Book1.xlsx", mode: "readWrite" },
      ui: {
        displayDialogAsync: (_u: string, _o: unknown, callback?: (r: unknown) => void) =>
          callback?.({
            status: "failed",
            error: { code: 12007, message: "Dialogs are not available in the test host." },
          }),
      },
    },
    actions: {
      associate(name: string, handler: unknown) {
        actions.set(name, handler);
      },
    },
    addin: {
      showAsTaskpane: () => pane.set("Taskpane"),
      hide: () => pane.set("Hidden"),
      setStartupBehavior: () => Promise.resolve(),
      getStartupBehavior: () => Promise.resolve("none"),
      onVisibilityModeChanged: (handler: VisibilityHandler) => pane.add(handler),
    },
    ribbon: { requestUpdate: () => Promise.resolve() },
  };

  const CustomFunctions: Record<string, unknown> = {
    associate(
      idOrMap: string | Record<string, (...a: unknown[]) => unknown>,
      fn?: (...a: unknown[]) => unknown,
    ) {
      if (typeof idOrMap === "string") {
        if (typeof fn !== "function")
          throw new TypeError("CustomFunctions.associate: the second argument must be a function");
        workbook.registerFunction(idOrMap, fn);
      } else {
        for (const [id, f] of Object.entries(idOrMap)) workbook.registerFunction(id, f);
      }
    },
    Error: CustomFunctionError,
    ErrorCode: CUSTOM_FUNCTION_ERRORS,
  };
  if (options.loadFunctionMetadata) workbook.metadataLoader = options.loadFunctionMetadata;
  workbook.customFunctionsRuntime = requirements.CustomFunctionsRuntime ?? "1.0";

  return {
    excel,
    client,
    Office,
    Excel: client.Excel as unknown as Record<string, unknown>,
    OfficeExtension: client.OfficeExtension as unknown as Record<string, unknown>,
    CustomFunctions,
    start: () => release(),
    actions,
    setVisibility: (mode) => pane.set(mode),
    visibility: () => ({ mode: pane.mode, handlers: pane.handlerCount }),
  };
}

/** Puts the host's globals on a global object (window in the browser, globalThis in jest). */
export function installGlobals(target: Record<string, unknown>, host: TestHost): () => void {
  const names = ["Office", "Excel", "OfficeExtension", "CustomFunctions"] as const;
  const before = names.map((n) => [n, target[n]] as const);
  for (const n of names) target[n] = host[n];
  return () => {
    for (const [n, v] of before) {
      if (v === undefined) delete target[n];
      else target[n] = v;
    }
  };
}
