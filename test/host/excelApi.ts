/**
 * The part of the Excel JavaScript API the add-in uses, over the in-memory Workbook, keeping Office.js's
 * rules so that code which passes here is likely to pass in Excel:
 *
 * - Proxy objects queue their work; nothing reaches the workbook until context.sync(). Reading a property
 *   that was not loaded, or was loaded but not yet synced, throws PropertyNotLoaded with Office.js's
 *   message; isNullObject is known only after a sync; a property you set reads back as set.
 * - A sync sends one request: over 5 MB (JSON, as Office.js sends it) it fails with
 *   RequestPayloadSizeLimitExceeded and nothing in it runs; a response over 5 MB fails with
 *   ResponsePayloadSizeLimitExceeded. Values travel as JSON, so NaN arrives as null (cell left unchanged).
 * - Statements run in order; the first failure stops the batch (earlier ones stay done, as in Excel) and
 *   rejects with an OfficeExtension-style error carrying Excel's code and a debugInfo.errorLocation.
 * - A 2-D array that does not fit its range fails with InvalidArgument and Excel's message.
 * - Objects die with their Excel.run batch unless tracked (InvalidObjectPath afterwards); an object of one
 *   request context passed to another throws InvalidRequestContext.
 * - Members the fake does not implement are reported (Workbook.unsupported) instead of silently ignored.
 */
import {
  address as formatAddress,
  bound,
  inGrid,
  intersect,
  localAddress,
  MAX_COLUMNS,
  MAX_ROWS,
  parseLocal,
  splitSheet,
  type Rect,
} from "./a1";
import { CHART_TYPE_VALUES, ENUMS, LEGEND_POSITIONS, MARKER_STYLES, SERIES_BY_VALUES } from "./enums";
import {
  ErrorCodes,
  invalidObjectPathMessage,
  isOfficeError,
  OfficeError,
  officeError,
  propertyNotLoadedMessage,
  SHAPE_MESSAGE,
} from "./errors";
import type { ChartRecord, SeriesRecord, Sheet, TableRecord, Workbook } from "./workbook";

/** Excel on the web's limit for a request and for a response. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export type ExcelOptions = {
  requestLimitBytes?: number;
  responseLimitBytes?: number;
  /** Delay of each sync, in ms (a round trip to Excel); 0 still yields to the event loop. */
  latencyMs?: number;
};

export type SyncStats = {
  runs: number;
  syncs: number;
  failedSyncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Code and location of the last failed sync. */
  lastError: string | null;
};

type Op = {
  label: string;
  objects: ClientObject[];
  args?: unknown;
  execute(args: unknown): unknown;
  apply?(response: unknown): void;
};

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The connection to one workbook: what Excel.run and new Excel.RequestContext() talk to. */
export class ExcelHost {
  readonly stats: SyncStats = {
    runs: 0,
    syncs: 0,
    failedSyncs: 0,
    maxRequestBytes: 0,
    maxResponseBytes: 0,
    lastError: null,
  };

  constructor(
    readonly workbook: Workbook,
    readonly options: ExcelOptions = {},
  ) {}

  /** Excel.run(batch), Excel.run(options, batch), Excel.run(object or context, batch). */
  run = async <T>(first: unknown, second?: unknown): Promise<T> => {
    const batch = (typeof first === "function" ? first : second) as (ctx: RequestContext) => unknown;
    if (typeof batch !== "function") throw officeError("InvalidArgument");
    let context: RequestContext;
    if (first instanceof RequestContext) context = first;
    else if (first instanceof ClientObject) context = first._ctx;
    else if (
      typeof first === "object" &&
      first !== null &&
      (first as { context?: unknown }).context instanceof RequestContext
    ) {
      context = (first as { context: RequestContext }).context;
    } else context = new RequestContext(this);
    if (context._host !== this) throw officeError("InvalidRequestContext");
    this.stats.runs++;
    const generation = context._beginRun();
    try {
      const pending = batch(context);
      if (!pending || typeof (pending as Promise<unknown>).then !== "function") {
        throw officeError(ErrorCodes.runMustReturnPromise);
      }
      const result = (await pending) as T;
      // Office.js sends what is still queued when the batch ends.
      if (context._queue.length > 0) await context.sync();
      return result;
    } finally {
      context._endRun(generation);
    }
  };

  /** The global `Excel` namespace for this workbook. */
  namespace(): Record<string, unknown> {
    const host = this;
    class BoundRequestContext extends RequestContext {
      constructor() {
        super(host);
      }
    }
    return {
      run: this.run,
      RequestContext: BoundRequestContext,
      ErrorCodes: {
        ...Object.fromEntries(
          Object.entries(ErrorCodes).filter(([, v]) => !/Loaded|Path|Context|Promise/.test(v)),
        ),
      },
      ...ENUMS,
    };
  }
}

/** Excel.RequestContext: queues statements and sends them on sync(). */
export class RequestContext {
  _host: ExcelHost;
  _queue: Op[] = [];
  _generation = 0;
  _expired = new Set<number>();
  private _nextGeneration = 1;
  private _workbookProxy: WorkbookApi;
  readonly trackedObjects = {
    add: (o: unknown) => {
      for (const x of Array.isArray(o) ? o : [o]) if (x instanceof ClientObject) x._tracked = true;
    },
    remove: (o: unknown) => {
      for (const x of Array.isArray(o) ? o : [o]) if (x instanceof ClientObject) x._tracked = false;
    },
  };

  constructor(host: ExcelHost) {
    this._host = host;
    this._workbookProxy = wrap(new WorkbookApi(this), "Workbook");
  }

  get workbook(): WorkbookApi {
    return this._workbookProxy;
  }

  get application(): unknown {
    return this._workbookProxy.application;
  }

  _beginRun(): number {
    const previous = this._generation;
    this._generation = this._nextGeneration++;
    return previous;
  }

  _endRun(previous: number): void {
    this._expired.add(this._generation);
    this._generation = previous;
  }

  _enqueue(op: Op): void {
    this._queue.push(op);
  }

  sync<T>(passThroughValue?: T): Promise<T | undefined> {
    const ops = this._queue;
    this._queue = [];
    const latency = this._host.options.latencyMs ?? 0;
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        try {
          this._process(ops);
          resolve(passThroughValue);
        } catch (e) {
          this._host.stats.failedSyncs++;
          const err = e as OfficeError;
          this._host.stats.lastError = `${err.code ?? "Error"} at ${err.debugInfo?.errorLocation ?? "?"}`;
          reject(e);
        }
      }, latency);
    });
  }

  private _process(ops: Op[]): void {
    const { stats, options, workbook } = this._host;
    stats.syncs++;
    if (ops.length === 0) return;
    const wire = JSON.stringify(ops.map((op) => [op.label, op.args === undefined ? null : op.args]));
    const requestBytes = utf8Length(wire);
    stats.maxRequestBytes = Math.max(stats.maxRequestBytes, requestBytes);
    if (requestBytes > (options.requestLimitBytes ?? PAYLOAD_LIMIT_BYTES)) {
      throw officeError(ErrorCodes.requestPayloadSizeLimitExceeded);
    }
    const sent = JSON.parse(wire) as [string, unknown][];
    const responses: unknown[] = [];
    try {
      ops.forEach((op, i) => {
        for (const o of op.objects) {
          if (!o._alive()) {
            throw officeError(ErrorCodes.invalidObjectPath, invalidObjectPathMessage(o._path), op.label);
          }
        }
        try {
          responses.push(op.execute(sent[i][1]));
        } catch (e) {
          if (isOfficeError(e)) {
            e.debugInfo.errorLocation ??= op.label;
            e.debugInfo.statement = op.label;
            throw e;
          }
          throw officeError(ErrorCodes.generalException, undefined, op.label);
        }
      });
    } finally {
      workbook.changed();
    }
    const responseText = JSON.stringify(responses);
    const responseBytes = utf8Length(responseText);
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, responseBytes);
    if (responseBytes > (options.responseLimitBytes ?? PAYLOAD_LIMIT_BYTES)) {
      throw officeError(ErrorCodes.responsePayloadSizeLimitExceeded);
    }
    const received = JSON.parse(responseText) as unknown[];
    ops.forEach((op, i) => op.apply?.(received[i]));
  }
}

// ------------------------------------------------------------------------------------------- guard

const IGNORED = new Set([
  "then",
  "toJSON",
  "constructor",
  "$$typeof",
  "nodeType",
  "asymmetricMatch",
  "length",
]);

/**
 * Wraps a proxy object so that a member Office.js has but the fake lacks is reported: reading it records
 * "Type.member" in workbook.unsupported (and gives undefined, so a call fails loudly); setting it throws.
 */
function wrap<T extends ClientObject | object>(obj: T, typeName: string, workbook?: Workbook): T {
  const wb = workbook ?? (obj instanceof ClientObject ? obj._ctx._host.workbook : undefined);
  return new Proxy(obj, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && !(prop in target) && !IGNORED.has(prop) && !prop.startsWith("_")) {
        wb?.unsupported.push(`${typeName}.${prop}`);
      }
      return Reflect.get(target, prop, receiver);
    },
    set(target, prop, value, receiver) {
      if (typeof prop === "string" && !(prop in target) && !prop.startsWith("_")) {
        wb?.unsupported.push(`${typeName}.${prop} =`);
        throw new TypeError(`The test workbook does not implement ${typeName}.${prop}`);
      }
      return Reflect.set(target, prop, value, receiver);
    },
  });
}

// ------------------------------------------------------------------------------------------- base

type LoadSpec = string | string[] | Record<string, unknown> | undefined;

function listOf(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap((x) => String(x).split(","));
  return String(v).split(",");
}

/** Property names from the forms load() accepts: "a, b/c", ["a"], { select, expand }, { a: true, b: { c: true } }. */
function loadNames(spec: LoadSpec): string[] | null {
  if (spec === undefined) return null;
  let names: string[];
  if (typeof spec === "string" || Array.isArray(spec)) names = listOf(spec);
  else if ("select" in spec || "expand" in spec) names = [...listOf(spec.select), ...listOf(spec.expand)];
  else {
    names = [];
    const walk = (o: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (k.startsWith("$")) continue;
        if (v === true) names.push(prefix + k);
        else if (typeof v === "object" && v !== null) walk(v as Record<string, unknown>, `${prefix}${k}/`);
      }
    };
    walk(spec, "");
  }
  return names.map((n) => n.trim()).filter((n) => n.length > 0);
}

export abstract class ClientObject {
  _ctx: RequestContext;
  _path: string;
  _gen: number;
  _tracked = false;
  _loaded = new Map<string, unknown>();
  _isNull: boolean | undefined = undefined;

  constructor(ctx: RequestContext, path: string) {
    this._ctx = ctx;
    this._path = path;
    this._gen = ctx._generation;
  }

  get context(): RequestContext {
    return this._ctx;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) {
      throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage("isNullObject"));
    }
    return this._isNull;
  }

  get _wb(): Workbook {
    return this._ctx._host.workbook;
  }

  /** What this proxy points at in the workbook (server side, during a sync); null for a null object. */
  abstract _resolve(): unknown;

  /** Scalar properties load() with no argument loads. */
  _scalars(): string[] {
    return [];
  }

  /** A navigation property, for loads such as "format/font/bold". */
  _nav(name: string): ClientObject | undefined {
    void name;
    return undefined;
  }

  _compute(target: unknown, name: string): unknown {
    void target;
    throw officeError(
      ErrorCodes.notImplemented,
      `The test workbook does not implement loading ${this.constructor.name.replace(/Api$/, "")}.${name}.`,
    );
  }

  _alive(): boolean {
    return this._tracked || !this._ctx._expired.has(this._gen);
  }

  _target<T>(): T {
    const t = this._resolve();
    if (t === null || t === undefined) throw officeError(ErrorCodes.itemNotFound, undefined, this._path);
    return t as T;
  }

  _get<T>(name: string): T {
    if (this._isNull === true) return undefined as T;
    if (!this._loaded.has(name)) {
      throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage(name));
    }
    return this._loaded.get(name) as T;
  }

  _op(label: string, execute: (args: unknown) => unknown, args?: unknown, others: ClientObject[] = []): void {
    this._ctx._enqueue({ label: `${this._path}.${label}`, objects: [this, ...others], args, execute });
  }

  /** Setting a property: queued, and readable back at once, as Office.js caches what was set. */
  _set(name: string, value: unknown, apply: (target: never, value: unknown) => void): void {
    this._loaded.set(name, value);
    this._op(`${name}=`, (v) => apply(this._target<never>(), v), value);
  }

  _sameContext(other: unknown): void {
    if (other instanceof ClientObject && other._ctx !== this._ctx)
      throw officeError(ErrorCodes.invalidRequestContext);
  }

  /** *OrNullObject results learn whether they exist from the next sync, without a load. */
  _instantiate(): this {
    this._ctx._enqueue({
      label: `${this._path}`,
      objects: [this],
      execute: () => (this._resolve() === null ? null : true),
      apply: (r) => {
        this._isNull = r === null;
      },
    });
    return this;
  }

  load(spec?: LoadSpec): this {
    const names = loadNames(spec);
    this._loadPaths(names ?? this._scalars());
    return this;
  }

  _loadPaths(names: string[]): void {
    const own: string[] = [];
    const nested = new Map<string, string[]>();
    for (const n of names) {
      const [head, ...rest] = n.split("/");
      const child = this._nav(head);
      if (child) {
        const list = nested.get(head) ?? [];
        if (rest.length > 0) list.push(rest.join("/"));
        else list.push(...child._scalars());
        nested.set(head, list);
      } else own.push(n);
    }
    for (const [head, subs] of nested) this._nav(head)!._loadPaths(subs);
    if (own.length === 0) {
      if (nested.size === 0) this._loadNames([]);
      return;
    }
    this._loadNames(own);
  }

  _loadNames(names: string[]): void {
    this._ctx._enqueue({
      label: `${this._path}.load(${names.join(",")})`,
      objects: [this],
      execute: () => {
        const t = this._resolve();
        if (t === null || t === undefined) return null;
        const out: Record<string, unknown> = {};
        for (const n of names) out[n] = this._compute(t, n);
        return out;
      },
      apply: (r) => {
        if (r === null) {
          this._isNull = true;
          return;
        }
        this._isNull = false;
        for (const [k, v] of Object.entries(r as Record<string, unknown>)) this._loaded.set(k, v);
      },
    });
  }

  track(): this {
    this._tracked = true;
    return this;
  }

  untrack(): this {
    this._tracked = false;
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** A value from a method such as getCount(): readable after the sync. */
class ClientResult<T> {
  _value: T | undefined;
  _done = false;
  get value(): T {
    if (!this._done) throw officeError(ErrorCodes.valueNotLoaded);
    return this._value as T;
  }
}

function result<T>(owner: ClientObject, label: string, compute: () => T): ClientResult<T> {
  const r = new ClientResult<T>();
  owner._ctx._enqueue({
    label: `${owner._path}.${label}`,
    objects: [owner],
    execute: compute,
    apply: (v) => {
      r._value = v as T;
      r._done = true;
    },
  });
  return r;
}

/** Defines loadable (and optionally settable) properties on a proxy class's prototype. */
function props(
  cls: { prototype: object },
  spec: Record<string, null | ((self: never, target: never, value: unknown) => void)>,
): void {
  for (const [name, setter] of Object.entries(spec)) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: ClientObject) {
        return this._get(name);
      },
      set: setter
        ? function (this: ClientObject, value: unknown) {
            this._set(name, value, (target, v) => setter(this as never, target, v));
          }
        : function (this: ClientObject) {
            throw new TypeError(`Cannot set ${name}: it is read-only in Excel's API`);
          },
    });
  }
}

// ------------------------------------------------------------------------------------------- workbook

type RangeTarget = { sheet: Sheet; rect: Rect };

export class WorkbookApi extends ClientObject {
  readonly worksheets: WorksheetCollectionApi;
  readonly tables: TableCollectionApi;
  readonly settings: SettingCollectionApi;
  readonly onSelectionChanged: EventSource;
  readonly application: ApplicationApi;

  constructor(ctx: RequestContext) {
    super(ctx, "workbook");
    this.worksheets = wrap(new WorksheetCollectionApi(ctx), "WorksheetCollection");
    this.tables = wrap(new TableCollectionApi(ctx, "workbook.tables", null), "TableCollection");
    this.settings = wrap(new SettingCollectionApi(ctx), "SettingCollection");
    this.onSelectionChanged = new EventSource(ctx, null);
    this.application = wrap(new ApplicationApi(ctx), "Application");
  }

  _resolve(): unknown {
    return this._wb;
  }

  _scalars(): string[] {
    return ["name"];
  }

  _compute(_t: unknown, name: string): unknown {
    if (name === "name") return "Book1.xlsx";
    return super._compute(_t, name);
  }

  getSelectedRange(): RangeApi {
    return rangeApi(this._ctx, "workbook.getSelectedRange()", () => {
      const wb = this._wb;
      if (wb.selection.areas.length !== 1) throw officeError(ErrorCodes.invalidSelection);
      const sheet = wb.sheetById(wb.selection.sheetId);
      if (!sheet) throw officeError(ErrorCodes.itemNotFound);
      return { sheet, rect: wb.selection.areas[0] };
    });
  }

  getSelectedRanges(): RangeAreasApi {
    return wrap(
      new RangeAreasApi(this._ctx, "workbook.getSelectedRanges()", () => {
        const wb = this._wb;
        const sheet = wb.sheetById(wb.selection.sheetId);
        if (!sheet) throw officeError(ErrorCodes.itemNotFound);
        return { sheet, rects: wb.selection.areas };
      }),
      "RangeAreas",
    );
  }

  getActiveCell(): RangeApi {
    return rangeApi(this._ctx, "workbook.getActiveCell()", () => {
      const wb = this._wb;
      const sheet = wb.sheetById(wb.selection.sheetId);
      const first = wb.selection.areas[0];
      if (!sheet || !first) throw officeError(ErrorCodes.itemNotFound);
      return { sheet, rect: { row: first.row, column: first.column, rowCount: 1, columnCount: 1 } };
    });
  }
}

class ApplicationApi extends ClientObject {
  constructor(ctx: RequestContext) {
    super(ctx, "application");
  }
  _resolve(): unknown {
    return this._wb;
  }
  _scalars(): string[] {
    return ["calculationMode"];
  }
  _compute(_t: unknown, name: string): unknown {
    if (name === "calculationMode") return "Automatic";
    return super._compute(_t, name);
  }
  calculate(calculationType: string): void {
    this._op("calculate", () => undefined, calculationType);
  }
}

/** workbook.onSelectionChanged and worksheet.onSelectionChanged. */
class EventSource {
  constructor(
    private ctx: RequestContext,
    private sheet: WorksheetApi | null,
  ) {}

  add(handler: (args: unknown) => Promise<unknown> | void): { context: RequestContext; remove(): void } {
    const wb = this.ctx._host.workbook;
    let sheetId: string | null = null;
    const listener = (event: { sheetId: string }) => {
      if (sheetId !== null && event.sheetId !== sheetId) return;
      const args = sheetId
        ? { type: "WorksheetSelectionChanged", worksheetId: sheetId, address: "" }
        : { type: "WorkbookSelectionChanged", workbook: null };
      try {
        const p = handler(args);
        if (p && typeof (p as Promise<unknown>).catch === "function")
          (p as Promise<unknown>).catch(() => undefined);
      } catch {
        // Excel ignores a handler's failure.
      }
    };
    const owner = this.sheet ?? this.ctx.workbook;
    this.ctx._enqueue({
      label: `${owner._path}.onSelectionChanged.add`,
      objects: [],
      execute: () => {
        if (this.sheet) sheetId = this.sheet._target<Sheet>().id;
        wb.addSelectionListener(listener);
      },
    });
    const ctx = this.ctx;
    return {
      context: ctx,
      remove() {
        ctx._enqueue({
          label: `${owner._path}.onSelectionChanged.remove`,
          objects: [],
          execute: () => wb.removeSelectionListener(listener),
        });
      },
    };
  }
}

// ------------------------------------------------------------------------------------------- worksheets

class WorksheetCollectionApi extends ClientObject {
  _items: WorksheetApi[] | undefined;

  constructor(ctx: RequestContext) {
    super(ctx, "workbook.worksheets");
  }

  _resolve(): unknown {
    return this._wb.sheets;
  }

  get items(): WorksheetApi[] {
    if (!this._items) throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage("items"));
    return this._items;
  }

  _loadPaths(names: string[]): void {
    const itemProps = names
      .map((n) => (n === "items" ? "" : n.startsWith("items/") ? n.slice(6) : n))
      .filter((n) => n !== "");
    const props = itemProps.length > 0 ? itemProps : ["id", "name", "position", "visibility"];
    this._ctx._enqueue({
      label: `${this._path}.load(items/${props.join(",")})`,
      objects: [this],
      execute: () =>
        this._wb.sheets.map((s) => {
          const probe = new WorksheetApi(this._ctx, "", () => s);
          return { _id: s.id, ...Object.fromEntries(props.map((p) => [p, probe._compute(s, p)])) };
        }),
      apply: (r) => {
        this._items = (r as Record<string, unknown>[]).map((row) => {
          const id = String(row._id);
          const item = worksheetApi(this._ctx, `worksheet(${id})`, () => this._wb.sheetById(id) ?? null);
          item._isNull = false;
          for (const p of props) item._loaded.set(p, row[p]);
          return item;
        });
      },
    });
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this._wb.sheets.length);
  }

  getItem(key: string): WorksheetApi {
    return worksheetApi(this._ctx, `worksheets.getItem(${key})`, () => {
      const s = this._wb.sheetByName(String(key)) ?? this._wb.sheetById(String(key));
      if (!s) throw officeError(ErrorCodes.itemNotFound);
      return s;
    });
  }

  getItemOrNullObject(key: string): WorksheetApi {
    return worksheetApi(
      this._ctx,
      `worksheets.getItemOrNullObject(${key})`,
      () => this._wb.sheetByName(String(key)) ?? this._wb.sheetById(String(key)) ?? null,
    )._instantiate();
  }

  getActiveWorksheet(): WorksheetApi {
    return worksheetApi(this._ctx, "worksheets.getActiveWorksheet()", () => this._wb.activeSheet);
  }

  getFirst(): WorksheetApi {
    return worksheetApi(this._ctx, "worksheets.getFirst()", () => {
      const s = this._wb.sheets[0];
      if (!s) throw officeError(ErrorCodes.itemNotFound);
      return s;
    });
  }

  add(name?: string): WorksheetApi {
    const holder: { id?: string } = {};
    this._op(
      `add(${name ?? ""})`,
      (n) => {
        holder.id = this._wb.addSheet(n === null ? undefined : (n as string)).id;
      },
      name ?? null,
    );
    return worksheetApi(this._ctx, `worksheets.add(${name ?? ""})`, () => {
      if (!holder.id) throw officeError(ErrorCodes.itemNotFound);
      return this._wb.sheetById(holder.id) ?? null;
    });
  }
}

function worksheetApi(ctx: RequestContext, path: string, locate: () => Sheet | null): WorksheetApi {
  return wrap(new WorksheetApi(ctx, path, locate), "Worksheet");
}

export class WorksheetApi extends ClientObject {
  readonly tables: TableCollectionApi;
  readonly charts: ChartCollectionApi;
  readonly onSelectionChanged: EventSource;

  constructor(
    ctx: RequestContext,
    path: string,
    private locate: () => Sheet | null,
  ) {
    super(ctx, path);
    this.tables = wrap(new TableCollectionApi(ctx, `${path}.tables`, this), "TableCollection");
    this.charts = wrap(new ChartCollectionApi(ctx, `${path}.charts`, this), "ChartCollection");
    this.onSelectionChanged = new EventSource(ctx, this);
  }

  _resolve(): unknown {
    return this.locate();
  }

  _scalars(): string[] {
    return ["id", "name", "position", "visibility"];
  }

  _compute(t: unknown, name: string): unknown {
    const s = t as Sheet;
    switch (name) {
      case "id":
        return s.id;
      case "name":
        return s.name;
      case "position":
        return this._wb.sheets.indexOf(s);
      case "visibility":
        return s.visibility;
      default:
        return super._compute(t, name);
    }
  }

  _nav(name: string): ClientObject | undefined {
    if (name === "tables") return this.tables;
    if (name === "charts") return this.charts;
    return undefined;
  }

  private range(label: string, rect: () => Rect): RangeApi {
    return rangeApi(this._ctx, `${this._path}.${label}`, () => {
      const sheet = this._target<Sheet>();
      const r = rect();
      if (!inGrid(r)) throw officeError(ErrorCodes.invalidArgument);
      return { sheet, rect: r };
    });
  }

  getRange(addr?: string): RangeApi {
    return rangeApi(this._ctx, `${this._path}.getRange(${addr ?? ""})`, () => {
      const sheet = this._target<Sheet>();
      if (addr === undefined || addr === "")
        return { sheet, rect: { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS } };
      if (typeof addr !== "string") throw officeError(ErrorCodes.invalidArgument);
      const { sheet: named, local } = splitSheet(addr);
      if (named !== null && named.toLowerCase() !== sheet.name.toLowerCase())
        throw officeError(ErrorCodes.invalidArgument);
      const rect = parseLocal(local.replace(/\s+/g, ""));
      if (!rect) throw officeError(ErrorCodes.invalidArgument);
      return { sheet, rect };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeApi {
    return this.range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => ({
      row: startRow,
      column: startColumn,
      rowCount,
      columnCount,
    }));
  }

  getCell(row: number, column: number): RangeApi {
    return this.range(`getCell(${row},${column})`, () => ({ row, column, rowCount: 1, columnCount: 1 }));
  }

  /** The used range; an empty sheet's is A1. */
  getUsedRange(valuesOnly?: boolean): RangeApi {
    return rangeApi(this._ctx, `${this._path}.getUsedRange(${valuesOnly ?? ""})`, () => {
      const sheet = this._target<Sheet>();
      return {
        sheet,
        rect: sheet.used(valuesOnly === true) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 },
      };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeApi {
    return rangeApi(this._ctx, `${this._path}.getUsedRangeOrNullObject(${valuesOnly ?? ""})`, () => {
      const sheet = this._target<Sheet>();
      const rect = sheet.used(valuesOnly === true);
      return rect ? { sheet, rect } : null;
    })._instantiate();
  }

  activate(): void {
    this._op("activate()", () => this._wb.activate(this._target<Sheet>()));
  }

  delete(): void {
    this._op("delete()", () => this._wb.deleteSheet(this._target<Sheet>()));
  }
}

props(WorksheetApi, {
  id: null,
  position: null,
  name: (self: WorksheetApi, t: Sheet, v) => {
    if (typeof v !== "string") throw officeError(ErrorCodes.invalidArgument);
    self._wb.checkSheetName(v, t);
    const old = t.name;
    t.name = v;
    self._wb.log("sheet-rename", `${old} → ${v}`, "add-in");
  },
  visibility: (self: WorksheetApi, t: Sheet, v) => {
    if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden")
      throw officeError(ErrorCodes.invalidArgument);
    t.visibility = v;
    self._wb.log("sheet-visibility", t.name, "add-in");
  },
});

// ------------------------------------------------------------------------------------------- ranges

function rangeApi(ctx: RequestContext, path: string, locate: () => RangeTarget | null): RangeApi {
  return wrap(new RangeApi(ctx, path, locate), "Range");
}

const RANGE_SCALARS = [
  "address",
  "addressLocal",
  "cellCount",
  "columnCount",
  "columnHidden",
  "columnIndex",
  "formulas",
  "hidden",
  "isEntireColumn",
  "isEntireRow",
  "numberFormat",
  "rowCount",
  "rowHidden",
  "rowIndex",
  "text",
  "valueTypes",
  "values",
];

/** Calls each(r, c, value) for a 2-D input that must fit rect exactly, or a single value for every cell. */
function eachInput(rect: Rect, input: unknown, each: (r: number, c: number, v: unknown) => void): void {
  if (!Array.isArray(input)) {
    for (let r = 0; r < rect.rowCount; r++) for (let c = 0; c < rect.columnCount; c++) each(r, c, input);
    return;
  }
  const fits =
    input.length === rect.rowCount &&
    input.every((line) => Array.isArray(line) && line.length === rect.columnCount);
  if (!fits) throw officeError(ErrorCodes.invalidArgument, SHAPE_MESSAGE);
  for (let r = 0; r < rect.rowCount; r++) {
    const line = input[r] as unknown[];
    for (let c = 0; c < rect.columnCount; c++) each(r, c, line[c]);
  }
}

function hiddenState(set: Set<number>, start: number, count: number): boolean | null {
  if (set.size === 0) return false;
  let hidden = 0;
  for (const i of set) if (i >= start && i < start + count) hidden++;
  return hidden === 0 ? false : hidden === count ? true : null;
}

function displayText(v: unknown, fmt: string | undefined): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v !== "number") return String(v ?? "");
  if (fmt && /%$/.test(fmt)) {
    const decimals = (/\.(0+)%$/.exec(fmt)?.[1] ?? "").length;
    return `${(v * 100).toFixed(decimals)}%`;
  }
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(10)));
}

export class RangeApi extends ClientObject {
  readonly format: RangeFormatApi;

  constructor(
    ctx: RequestContext,
    path: string,
    readonly _locate: () => RangeTarget | null,
  ) {
    super(ctx, path);
    this.format = wrap(new RangeFormatApi(ctx, `${path}.format`, this), "RangeFormat");
  }

  _resolve(): unknown {
    return this._locate();
  }

  _scalars(): string[] {
    return RANGE_SCALARS;
  }

  _nav(name: string): ClientObject | undefined {
    return name === "format" ? this.format : undefined;
  }

  _compute(t: unknown, name: string): unknown {
    const { sheet, rect } = t as RangeTarget;
    const wb = this._wb;
    const grid = <T>(f: (row: number, column: number) => T): T[][] =>
      Array.from({ length: rect.rowCount }, (_, r) =>
        Array.from({ length: rect.columnCount }, (_, c) => f(rect.row + r, rect.column + c)),
      );
    switch (name) {
      case "address":
        return formatAddress(sheet.name, rect);
      case "addressLocal":
        return formatAddress(sheet.name, rect);
      case "cellCount":
        return rect.rowCount * rect.columnCount;
      case "rowCount":
        return rect.rowCount;
      case "columnCount":
        return rect.columnCount;
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.column;
      case "isEntireColumn":
        return rect.row === 0 && rect.rowCount === MAX_ROWS;
      case "isEntireRow":
        return rect.column === 0 && rect.columnCount === MAX_COLUMNS;
      case "values":
        return wb.valuesOf(sheet, rect);
      case "valueTypes":
        return wb.typesOf(sheet, rect);
      case "formulas":
        return grid((r, c) => {
          const cell = sheet.get(r, c);
          return cell?.f ?? cell?.v ?? "";
        });
      case "numberFormat":
        return grid((r, c) => sheet.get(r, c)?.fmt ?? "General");
      case "text":
        return grid((r, c) => {
          const cell = sheet.get(r, c);
          return displayText(cell?.v ?? "", cell?.fmt);
        });
      case "rowHidden":
        return hiddenState(sheet.hiddenRows, rect.row, rect.rowCount);
      case "columnHidden":
        return hiddenState(sheet.hiddenColumns, rect.column, rect.columnCount);
      case "hidden": {
        const rows = hiddenState(sheet.hiddenRows, rect.row, rect.rowCount);
        const columns = hiddenState(sheet.hiddenColumns, rect.column, rect.columnCount);
        return rows === true || columns === true;
      }
      default:
        return super._compute(t, name);
    }
  }

  get worksheet(): WorksheetApi {
    return worksheetApi(this._ctx, `${this._path}.worksheet`, () => this._target<RangeTarget>().sheet);
  }

  private derived(label: string, f: (t: RangeTarget) => Rect | null, orNull = false): RangeApi {
    const r = rangeApi(this._ctx, `${this._path}.${label}`, () => {
      const t = this._locate();
      if (!t) return null;
      const rect = f(t);
      if (rect === null) {
        if (orNull) return null;
        throw officeError(ErrorCodes.itemNotFound);
      }
      if (!inGrid(rect)) throw officeError(ErrorCodes.invalidArgument);
      return { sheet: t.sheet, rect };
    });
    return orNull ? r._instantiate() : r;
  }

  getCell(row: number, column: number): RangeApi {
    return this.derived(`getCell(${row},${column})`, ({ rect }) => ({
      row: rect.row + row,
      column: rect.column + column,
      rowCount: 1,
      columnCount: 1,
    }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): RangeApi {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, ({ rect }) => ({
      ...rect,
      row: rect.row + rowOffset,
      column: rect.column + columnOffset,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): RangeApi {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, ({ rect }) => ({
      ...rect,
      rowCount: rect.rowCount + deltaRows,
      columnCount: rect.columnCount + deltaColumns,
    }));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeApi {
    return this.derived(`getAbsoluteResizedRange(${numRows},${numColumns})`, ({ rect }) => ({
      ...rect,
      rowCount: numRows,
      columnCount: numColumns,
    }));
  }

  getRow(row: number): RangeApi {
    return this.derived(`getRow(${row})`, ({ rect }) =>
      row >= 0 && row < rect.rowCount
        ? { ...rect, row: rect.row + row, rowCount: 1 }
        : { ...rect, rowCount: 0 },
    );
  }

  getColumn(column: number): RangeApi {
    return this.derived(`getColumn(${column})`, ({ rect }) =>
      column >= 0 && column < rect.columnCount
        ? { ...rect, column: rect.column + column, columnCount: 1 }
        : { ...rect, columnCount: 0 },
    );
  }

  getEntireColumn(): RangeApi {
    return this.derived("getEntireColumn()", ({ rect }) => ({ ...rect, row: 0, rowCount: MAX_ROWS }));
  }

  getEntireRow(): RangeApi {
    return this.derived("getEntireRow()", ({ rect }) => ({ ...rect, column: 0, columnCount: MAX_COLUMNS }));
  }

  getLastRow(): RangeApi {
    return this.derived("getLastRow()", ({ rect }) => ({
      ...rect,
      row: rect.row + rect.rowCount - 1,
      rowCount: 1,
    }));
  }

  getLastColumn(): RangeApi {
    return this.derived("getLastColumn()", ({ rect }) => ({
      ...rect,
      column: rect.column + rect.columnCount - 1,
      columnCount: 1,
    }));
  }

  getLastCell(): RangeApi {
    return this.derived("getLastCell()", ({ rect }) => ({
      row: rect.row + rect.rowCount - 1,
      column: rect.column + rect.columnCount - 1,
      rowCount: 1,
      columnCount: 1,
    }));
  }

  getRowsBelow(count = 1): RangeApi {
    return this.derived(`getRowsBelow(${count})`, ({ rect }) => ({
      ...rect,
      row: rect.row + rect.rowCount,
      rowCount: count,
    }));
  }

  getRowsAbove(count = 1): RangeApi {
    return this.derived(`getRowsAbove(${count})`, ({ rect }) => ({
      ...rect,
      row: rect.row - count,
      rowCount: count,
    }));
  }

  getColumnsAfter(count = 1): RangeApi {
    return this.derived(`getColumnsAfter(${count})`, ({ rect }) => ({
      ...rect,
      column: rect.column + rect.columnCount,
      columnCount: count,
    }));
  }

  getColumnsBefore(count = 1): RangeApi {
    return this.derived(`getColumnsBefore(${count})`, ({ rect }) => ({
      ...rect,
      column: rect.column - count,
      columnCount: count,
    }));
  }

  private other(range: RangeApi | string, here: RangeTarget): RangeTarget {
    if (typeof range === "string") {
      const { sheet, rect } = this._wb.resolve(range, here.sheet);
      return { sheet, rect };
    }
    return range._target<RangeTarget>();
  }

  getIntersection(range: RangeApi | string): RangeApi {
    this._sameContext(range);
    const r = this.derived(`getIntersection()`, (t) => {
      const o = this.other(range, t);
      if (o.sheet !== t.sheet) throw officeError(ErrorCodes.invalidArgument);
      return intersect(t.rect, o.rect);
    });
    return r;
  }

  getIntersectionOrNullObject(range: RangeApi | string): RangeApi {
    this._sameContext(range);
    return this.derived(
      `getIntersectionOrNullObject()`,
      (t) => {
        const o = this.other(range, t);
        return o.sheet === t.sheet ? intersect(t.rect, o.rect) : null;
      },
      true,
    );
  }

  getBoundingRect(range: RangeApi | string): RangeApi {
    this._sameContext(range);
    return this.derived(`getBoundingRect()`, (t) => {
      const o = this.other(range, t);
      if (o.sheet !== t.sheet) throw officeError(ErrorCodes.invalidArgument);
      return bound(t.rect, o.rect);
    });
  }

  getUsedRange(valuesOnly?: boolean): RangeApi {
    return this.derived(`getUsedRange(${valuesOnly ?? ""})`, (t) =>
      t.sheet.usedWithin(t.rect, valuesOnly === true),
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeApi {
    return this.derived(
      `getUsedRangeOrNullObject(${valuesOnly ?? ""})`,
      (t) => t.sheet.usedWithin(t.rect, valuesOnly === true),
      true,
    );
  }

  clear(applyTo: string = "All"): void {
    this._op(
      `clear(${applyTo})`,
      (what) => {
        if (what !== "All" && what !== "Contents" && what !== "Formats")
          throw officeError(ErrorCodes.invalidArgument);
        const { sheet, rect } = this._target<RangeTarget>();
        for (let r = 0; r < rect.rowCount; r++) {
          for (let c = 0; c < rect.columnCount; c++)
            this._wb.clearCell(sheet, rect.row + r, rect.column + c, what);
        }
        this._wb.log("clear", formatAddress(sheet.name, rect), "add-in");
      },
      applyTo,
    );
  }

  select(): void {
    this._op("select()", () => {
      const { sheet, rect } = this._target<RangeTarget>();
      this._wb.select(sheet.name, localAddress(rect));
    });
  }
}

props(RangeApi, {
  address: null,
  addressLocal: null,
  cellCount: null,
  columnCount: null,
  columnIndex: null,
  isEntireColumn: null,
  isEntireRow: null,
  rowCount: null,
  rowIndex: null,
  text: null,
  valueTypes: null,
  hidden: null,
  values: (self: RangeApi, t: RangeTarget, v) => {
    eachInput(t.rect, v, (r, c, x) => self._wb.writeCell(t.sheet, t.rect.row + r, t.rect.column + c, x));
    self._wb.log("values", formatAddress(t.sheet.name, t.rect), "add-in");
  },
  formulas: (self: RangeApi, t: RangeTarget, v) => {
    eachInput(t.rect, v, (r, c, x) => self._wb.writeCell(t.sheet, t.rect.row + r, t.rect.column + c, x));
    self._wb.log("formulas", formatAddress(t.sheet.name, t.rect), "add-in");
  },
  numberFormat: (self: RangeApi, t: RangeTarget, v) => {
    eachInput(t.rect, v, (r, c, x) => self._wb.writeFormat(t.sheet, t.rect.row + r, t.rect.column + c, x));
    self._wb.log("numberFormat", formatAddress(t.sheet.name, t.rect), "add-in");
  },
  rowHidden: (self: RangeApi, t: RangeTarget, v) => {
    if (typeof v !== "boolean") throw officeError(ErrorCodes.invalidArgument);
    for (let r = t.rect.row; r < t.rect.row + t.rect.rowCount; r++) {
      if (v) t.sheet.hiddenRows.add(r);
      else t.sheet.hiddenRows.delete(r);
    }
    self._wb.log("rowHidden", formatAddress(t.sheet.name, t.rect), "add-in");
  },
  columnHidden: (self: RangeApi, t: RangeTarget, v) => {
    if (typeof v !== "boolean") throw officeError(ErrorCodes.invalidArgument);
    for (let c = t.rect.column; c < t.rect.column + t.rect.columnCount; c++) {
      if (v) t.sheet.hiddenColumns.add(c);
      else t.sheet.hiddenColumns.delete(c);
    }
    self._wb.log("columnHidden", formatAddress(t.sheet.name, t.rect), "add-in");
  },
});

class RangeFormatApi extends ClientObject {
  readonly font: RangeFontApi;
  readonly fill: RangeFillApi;

  constructor(
    ctx: RequestContext,
    path: string,
    readonly _range: RangeApi,
  ) {
    super(ctx, path);
    this.font = wrap(new RangeFontApi(ctx, `${path}.font`, _range), "RangeFont");
    this.fill = wrap(new RangeFillApi(ctx, `${path}.fill`, _range), "RangeFill");
  }

  _resolve(): unknown {
    return this._range._resolve();
  }

  _scalars(): string[] {
    return ["columnWidth", "rowHeight", "horizontalAlignment", "wrapText"];
  }

  _nav(name: string): ClientObject | undefined {
    return name === "font" ? this.font : name === "fill" ? this.fill : undefined;
  }

  _compute(t: unknown, name: string): unknown {
    switch (name) {
      case "columnWidth":
        return 48;
      case "rowHeight":
        return 15;
      case "horizontalAlignment":
        return "General";
      case "wrapText":
        return false;
      default:
        return super._compute(t, name);
    }
  }

  autofitColumns(): void {
    this._op("autofitColumns()", () => {
      const { sheet, rect } = this._target<RangeTarget>();
      sheet.autofitted.push(rect);
      this._wb.log("format", `${formatAddress(sheet.name, rect)} autofitColumns`, "add-in");
    });
  }

  autofitRows(): void {
    this._op("autofitRows()", () => {
      const { sheet, rect } = this._target<RangeTarget>();
      this._wb.log("format", `${formatAddress(sheet.name, rect)} autofitRows`, "add-in");
    });
  }
}

const formatSetter = (what: string) => (self: ClientObject, t: RangeTarget) =>
  self._wb.log("format", `${formatAddress(t.sheet.name, t.rect)} ${what}`, "add-in");

props(RangeFormatApi, {
  columnWidth: formatSetter("columnWidth"),
  rowHeight: formatSetter("rowHeight"),
  horizontalAlignment: formatSetter("horizontalAlignment"),
  wrapText: formatSetter("wrapText"),
});

class RangeFontApi extends ClientObject {
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _range: RangeApi,
  ) {
    super(ctx, path);
  }
  _resolve(): unknown {
    return this._range._resolve();
  }
  _scalars(): string[] {
    return ["bold", "italic", "color", "name", "size"];
  }
  _compute(t: unknown, name: string): unknown {
    const { sheet, rect } = t as RangeTarget;
    switch (name) {
      case "bold": {
        let bold = 0;
        for (let r = 0; r < rect.rowCount; r++)
          for (let c = 0; c < rect.columnCount; c++)
            if (sheet.bold.has(`${rect.row + r},${rect.column + c}`)) bold++;
        return bold === 0 ? false : bold === rect.rowCount * rect.columnCount ? true : null;
      }
      case "italic":
        return false;
      case "color":
        return "#000000";
      case "name":
        return "Aptos Narrow";
      case "size":
        return 11;
      default:
        return super._compute(t, name);
    }
  }
}

props(RangeFontApi, {
  bold: (self: RangeFontApi, t: RangeTarget, v) => {
    if (typeof v !== "boolean") throw officeError(ErrorCodes.invalidArgument);
    for (let r = 0; r < t.rect.rowCount; r++) {
      for (let c = 0; c < t.rect.columnCount; c++) {
        const key = `${t.rect.row + r},${t.rect.column + c}`;
        if (v) t.sheet.bold.add(key);
        else t.sheet.bold.delete(key);
      }
    }
    self._wb.log("format", `${formatAddress(t.sheet.name, t.rect)} bold`, "add-in");
  },
  italic: formatSetter("italic"),
  color: formatSetter("font color"),
  name: formatSetter("font name"),
  size: formatSetter("font size"),
});

class RangeFillApi extends ClientObject {
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _range: RangeApi,
  ) {
    super(ctx, path);
  }
  _resolve(): unknown {
    return this._range._resolve();
  }
  _scalars(): string[] {
    return ["color"];
  }
  _compute(t: unknown, name: string): unknown {
    if (name === "color") return null;
    return super._compute(t, name);
  }
  clear(): void {
    this._op("clear()", () => formatSetter("fill clear")(this, this._target<RangeTarget>()));
  }
}

props(RangeFillApi, { color: formatSetter("fill color") });

type AreasTarget = { sheet: Sheet; rects: Rect[] };

class RangeAreasApi extends ClientObject {
  readonly areas: RangeCollectionApi;

  constructor(
    ctx: RequestContext,
    path: string,
    readonly _locate: () => AreasTarget | null,
  ) {
    super(ctx, path);
    this.areas = wrap(new RangeCollectionApi(ctx, `${path}.areas`, this), "RangeCollection");
  }

  _resolve(): unknown {
    return this._locate();
  }

  _scalars(): string[] {
    return ["address", "addressLocal", "areaCount", "cellCount", "isEntireColumn", "isEntireRow"];
  }

  _compute(t: unknown, name: string): unknown {
    const { sheet, rects } = t as AreasTarget;
    switch (name) {
      case "address":
      case "addressLocal":
        return rects.map((r) => formatAddress(sheet.name, r)).join(", ");
      case "areaCount":
        return rects.length;
      case "cellCount":
        return rects.reduce((n, r) => n + r.rowCount * r.columnCount, 0);
      case "isEntireColumn":
        return rects.every((r) => r.row === 0 && r.rowCount === MAX_ROWS);
      case "isEntireRow":
        return rects.every((r) => r.column === 0 && r.columnCount === MAX_COLUMNS);
      default:
        return super._compute(t, name);
    }
  }

  get worksheet(): WorksheetApi {
    return worksheetApi(this._ctx, `${this._path}.worksheet`, () => this._target<AreasTarget>().sheet);
  }
}

props(RangeAreasApi, {
  address: null,
  addressLocal: null,
  areaCount: null,
  cellCount: null,
  isEntireColumn: null,
  isEntireRow: null,
});

class RangeCollectionApi extends ClientObject {
  _items: RangeApi[] | undefined;

  constructor(
    ctx: RequestContext,
    path: string,
    readonly _owner: RangeAreasApi,
  ) {
    super(ctx, path);
  }

  _resolve(): unknown {
    return this._owner._resolve();
  }

  get items(): RangeApi[] {
    if (!this._items) throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage("items"));
    return this._items;
  }

  _loadPaths(names: string[]): void {
    const itemProps = names
      .map((n) => (n === "items" ? "" : n.startsWith("items/") ? n.slice(6) : n))
      .filter((n) => n !== "");
    const props =
      itemProps.length > 0 ? itemProps : ["address", "rowCount", "columnCount", "rowIndex", "columnIndex"];
    this._ctx._enqueue({
      label: `${this._path}.load(items/${props.join(",")})`,
      objects: [this],
      execute: () => {
        const { sheet, rects } = this._target<AreasTarget>();
        return rects.map((rect) => {
          const probe = new RangeApi(this._ctx, "", () => ({ sheet, rect }));
          return Object.fromEntries(props.map((p) => [p, probe._compute({ sheet, rect }, p)]));
        });
      },
      apply: (r) => {
        this._items = (r as Record<string, unknown>[]).map((row, i) => {
          const item = this.getItemAt(i);
          item._isNull = false;
          for (const p of props) item._loaded.set(p, row[p]);
          return item;
        });
      },
    });
  }

  getItemAt(index: number): RangeApi {
    return rangeApi(this._ctx, `${this._path}.getItemAt(${index})`, () => {
      const { sheet, rects } = this._target<AreasTarget>();
      const rect = rects[index];
      if (!rect) throw officeError(ErrorCodes.itemNotFound);
      return { sheet, rect };
    });
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this._target<AreasTarget>().rects.length);
  }
}

// ------------------------------------------------------------------------------------------- tables

class TableCollectionApi extends ClientObject {
  _items: TableApi[] | undefined;

  constructor(
    ctx: RequestContext,
    path: string,
    readonly _sheet: WorksheetApi | null,
  ) {
    super(ctx, path);
  }

  private list(): TableRecord[] {
    if (!this._sheet) return this._wb.tables;
    const sheet = this._sheet._target<Sheet>();
    return this._wb.tables.filter((t) => t.sheetId === sheet.id);
  }

  _resolve(): unknown {
    return this.list();
  }

  get items(): TableApi[] {
    if (!this._items) throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage("items"));
    return this._items;
  }

  _loadPaths(names: string[]): void {
    const wantsCount = names.includes("count");
    const itemProps = names
      .filter((n) => n !== "count")
      .map((n) => (n === "items" ? "" : n.startsWith("items/") ? n.slice(6) : n))
      .filter((n) => n !== "");
    const loadItems = names.some((n) => n !== "count") || names.length === 0;
    const props = itemProps.length > 0 ? itemProps : ["id", "name", "showHeaders", "showTotals", "style"];
    this._ctx._enqueue({
      label: `${this._path}.load(${names.join(",")})`,
      objects: [this],
      execute: () => {
        const list = this.list();
        return {
          count: list.length,
          items: loadItems
            ? list.map((t) => {
                const probe = new TableApi(this._ctx, "", () => t);
                return { _id: t.id, ...Object.fromEntries(props.map((p) => [p, probe._compute(t, p)])) };
              })
            : null,
        };
      },
      apply: (r) => {
        const res = r as { count: number; items: Record<string, unknown>[] | null };
        if (wantsCount) this._loaded.set("count", res.count);
        if (res.items) {
          this._items = res.items.map((row) => {
            const id = String(row._id);
            const item = tableApi(
              this._ctx,
              `table(${id})`,
              () => this._wb.tables.find((t) => t.id === id) ?? null,
            );
            item._isNull = false;
            for (const p of props) item._loaded.set(p, row[p]);
            return item;
          });
        }
      },
    });
  }

  get count(): number {
    return this._get("count");
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this.list().length);
  }

  getItem(key: string): TableApi {
    return tableApi(this._ctx, `${this._path}.getItem(${key})`, () => {
      const t = this.list().find((x) => x.name.toLowerCase() === String(key).toLowerCase() || x.id === key);
      if (!t) throw officeError(ErrorCodes.itemNotFound);
      return t;
    });
  }

  getItemOrNullObject(key: string): TableApi {
    return tableApi(
      this._ctx,
      `${this._path}.getItemOrNullObject(${key})`,
      () =>
        this.list().find((x) => x.name.toLowerCase() === String(key).toLowerCase() || x.id === key) ?? null,
    )._instantiate();
  }

  add(source: RangeApi | string, hasHeaders: boolean): TableApi {
    this._sameContext(source);
    const holder: { id?: string } = {};
    const others = source instanceof ClientObject ? [source] : [];
    this._op(
      `add(${typeof source === "string" ? source : "range"},${hasHeaders})`,
      () => {
        const wb = this._wb;
        let target: RangeTarget;
        if (typeof source === "string") {
          const defaultSheet = this._sheet ? this._sheet._target<Sheet>() : wb.activeSheet;
          const { sheet: named } = splitSheet(source);
          if (this._sheet && named !== null && named.toLowerCase() !== defaultSheet.name.toLowerCase()) {
            throw officeError(ErrorCodes.invalidArgument);
          }
          target = wb.resolve(source, defaultSheet);
        } else {
          target = (source as RangeApi)._target<RangeTarget>();
        }
        if (this._sheet && target.sheet !== this._sheet._target<Sheet>())
          throw officeError(ErrorCodes.invalidArgument);
        holder.id = createTable(wb, target, hasHeaders).id;
      },
      null,
      others,
    );
    return tableApi(this._ctx, `${this._path}.add()`, () => {
      if (!holder.id) throw officeError(ErrorCodes.itemNotFound);
      return this._wb.tables.find((t) => t.id === holder.id) ?? null;
    });
  }
}

function createTable(wb: Workbook, { sheet, rect }: RangeTarget, hasHeaders: boolean): TableRecord {
  if (hasHeaders !== true) {
    throw officeError(
      ErrorCodes.notImplemented,
      "The test workbook implements tables.add with hasHeaders = true only (Excel inserts a header row otherwise).",
    );
  }
  if (rect.rowCount < 1 || rect.rowCount === MAX_ROWS || rect.columnCount === MAX_COLUMNS) {
    throw officeError(ErrorCodes.invalidArgument);
  }
  for (const other of wb.tables) {
    if (other.sheetId === sheet.id && intersect(other.rect, rect)) {
      throw officeError(ErrorCodes.invalidOperation, "A table can't overlap another table.");
    }
  }
  // Excel makes header cells unique text: blanks become Column1…, repeats get 2, 3… (case-insensitively).
  const headers: string[] = [];
  const renamed: string[] = [];
  const seen = new Set<string>();
  for (let c = 0; c < rect.columnCount; c++) {
    const cell = sheet.get(rect.row, rect.column + c);
    const original = cell && cell.t !== "Empty" ? String(cell.v) : "";
    let name = original === "" ? `Column${c + 1}` : original;
    for (let i = 2; seen.has(name.toLowerCase()); i++)
      name = `${original === "" ? `Column${c + 1}` : original}${i}`;
    seen.add(name.toLowerCase());
    headers.push(name);
    if (name !== original || (cell && cell.t !== "String")) {
      renamed.push(`${original === "" ? "(blank)" : original} → ${name}`);
      sheet.put(rect.row, rect.column + c, { v: name, t: "String", ...(cell?.fmt ? { fmt: cell.fmt } : {}) });
    }
  }
  let n = 1;
  while (wb.tables.some((t) => t.name.toLowerCase() === `table${n}`)) n++;
  const table: TableRecord = {
    id: wb.newId("table"),
    name: `Table${n}`,
    sheetId: sheet.id,
    rect,
    hasHeaders,
    headers,
    renamedHeaders: renamed,
    style: "TableStyleMedium2",
  };
  wb.tables.push(table);
  wb.log("table", `${table.name} ${formatAddress(sheet.name, rect)}`, "add-in");
  return table;
}

function tableApi(ctx: RequestContext, path: string, locate: () => TableRecord | null): TableApi {
  return wrap(new TableApi(ctx, path, locate), "Table");
}

class TableApi extends ClientObject {
  readonly rows: CountOnlyApi;
  readonly columns: TableColumnsApi;

  constructor(
    ctx: RequestContext,
    path: string,
    readonly _locate: () => TableRecord | null,
  ) {
    super(ctx, path);
    this.rows = wrap(
      new CountOnlyApi(ctx, `${path}.rows`, () => {
        const t = this._target<TableRecord>();
        return t.rect.rowCount - (t.hasHeaders ? 1 : 0);
      }),
      "TableRowCollection",
    );
    this.columns = wrap(new TableColumnsApi(ctx, `${path}.columns`, this), "TableColumnCollection");
  }

  _resolve(): unknown {
    return this._locate();
  }

  _scalars(): string[] {
    return ["id", "name", "showHeaders", "showTotals", "style"];
  }

  _compute(t: unknown, name: string): unknown {
    const table = t as TableRecord;
    switch (name) {
      case "id":
        return table.id;
      case "name":
        return table.name;
      case "showHeaders":
        return table.hasHeaders;
      case "showTotals":
        return false;
      case "style":
        return table.style;
      default:
        return super._compute(t, name);
    }
  }

  private part(label: string, f: (t: TableRecord) => Rect | null): RangeApi {
    return rangeApi(this._ctx, `${this._path}.${label}`, () => {
      const t = this._target<TableRecord>();
      const sheet = this._wb.sheetById(t.sheetId);
      const rect = f(t);
      if (!sheet || !rect) throw officeError(ErrorCodes.itemNotFound);
      return { sheet, rect };
    });
  }

  getRange(): RangeApi {
    return this.part("getRange()", (t) => t.rect);
  }

  getHeaderRowRange(): RangeApi {
    return this.part("getHeaderRowRange()", (t) => ({ ...t.rect, rowCount: 1 }));
  }

  getDataBodyRange(): RangeApi {
    return this.part("getDataBodyRange()", (t) =>
      t.rect.rowCount > 1 ? { ...t.rect, row: t.rect.row + 1, rowCount: t.rect.rowCount - 1 } : null,
    );
  }

  get worksheet(): WorksheetApi {
    return worksheetApi(
      this._ctx,
      `${this._path}.worksheet`,
      () => this._wb.sheetById(this._target<TableRecord>().sheetId) ?? null,
    );
  }

  delete(): void {
    this._op("delete()", () => {
      const t = this._target<TableRecord>();
      this._wb.tables = this._wb.tables.filter((x) => x !== t);
      this._wb.log("table-delete", t.name, "add-in");
    });
  }
}

props(TableApi, {
  id: null,
  showHeaders: null,
  showTotals: null,
  name: (self: TableApi, t: TableRecord, v) => {
    if (typeof v !== "string" || !/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(v))
      throw officeError(ErrorCodes.invalidArgument);
    if (self._wb.tables.some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase())) {
      throw officeError(ErrorCodes.itemAlreadyExists);
    }
    t.name = v;
    self._wb.log("table", `rename ${v}`, "add-in");
  },
  style: (self: TableApi, t: TableRecord, v) => {
    if (typeof v !== "string") throw officeError(ErrorCodes.invalidArgument);
    t.style = v;
    self._wb.log("table", `${t.name} style`, "add-in");
  },
});

class CountOnlyApi extends ClientObject {
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _count: () => number,
  ) {
    super(ctx, path);
  }
  _resolve(): unknown {
    return true;
  }
  _scalars(): string[] {
    return ["count"];
  }
  _compute(t: unknown, name: string): unknown {
    if (name === "count") return this._count();
    return super._compute(t, name);
  }
  getCount(): ClientResult<number> {
    return result(this, "getCount()", this._count);
  }
}

props(CountOnlyApi, { count: null });

class TableColumnsApi extends ClientObject {
  _items: { name: string }[] | undefined;
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _table: TableApi,
  ) {
    super(ctx, path);
  }
  _resolve(): unknown {
    return this._table._resolve();
  }
  get items(): { name: string }[] {
    if (!this._items) throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage("items"));
    return this._items;
  }
  _loadPaths(names: string[]): void {
    this._ctx._enqueue({
      label: `${this._path}.load(${names.join(",")})`,
      objects: [this],
      execute: () => {
        const t = this._target<TableRecord>();
        return { count: t.headers.length, names: t.headers };
      },
      apply: (r) => {
        const res = r as { count: number; names: string[] };
        this._loaded.set("count", res.count);
        this._items = res.names.map((name) => ({ name }));
      },
    });
  }
  get count(): number {
    return this._get("count");
  }
}

// ------------------------------------------------------------------------------------------- charts

function isScatter(type: string): boolean {
  return type.startsWith("XYScatter") || type.startsWith("Bubble");
}

/**
 * The series Excel makes from a chart's source range: series in columns (or rows); a first row of text is
 * their names; a first column is the categories (x values for a scatter) when the chart is a scatter, when
 * it holds text, or when the top-left cell is blank over a header row.
 */
function autoSeries(wb: Workbook, sheet: Sheet, rect: Rect, type: string, seriesBy: string): SeriesRecord[] {
  const types = wb.typesOf(sheet, rect);
  const values = wb.valuesOf(sheet, rect);
  const byColumns = seriesBy === "Auto" ? rect.rowCount >= rect.columnCount : seriesBy === "Columns";
  const n = byColumns ? rect.rowCount : rect.columnCount; // points per series
  const m = byColumns ? rect.columnCount : rect.rowCount; // series (plus a category line)
  const typeAt = (i: number, j: number) => (byColumns ? types[i][j] : types[j][i]);
  const valueAt = (i: number, j: number) => (byColumns ? values[i][j] : values[j][i]);
  const textIn = (i: number, from: number) => {
    for (let j = from; j < m; j++) if (typeAt(i, j) === "String") return true;
    return false;
  };
  const maybeHeader = n > 1 && textIn(0, m > 1 ? 1 : 0);
  let firstColumnText = false;
  for (let i = maybeHeader ? 1 : 0; i < n; i++) if (typeAt(i, 0) === "String") firstColumnText = true;
  const categories =
    m > 1 && (isScatter(type) || firstColumnText || (maybeHeader && typeAt(0, 0) === "Empty"));
  const header = n > 1 && textIn(0, categories ? 1 : 0);
  const first = header ? 1 : 0;
  const line = (j: number): Rect =>
    byColumns
      ? { row: rect.row + first, column: rect.column + j, rowCount: n - first, columnCount: 1 }
      : { row: rect.row + j, column: rect.column + first, rowCount: 1, columnCount: n - first };
  const out: SeriesRecord[] = [];
  if (n - first < 1) return out;
  for (let j = categories ? 1 : 0; j < m; j++) {
    out.push({
      id: wb.newId("series"),
      name: header ? String(valueAt(0, j)) : `Series${out.length + 1}`,
      values: { sheetId: sheet.id, rect: line(j) },
      xValues: categories ? { sheetId: sheet.id, rect: line(0) } : null,
      chartType: null,
      markerStyle: null,
      markerSize: null,
    });
  }
  return out;
}

class ChartCollectionApi extends ClientObject {
  _items: ChartApi[] | undefined;

  constructor(
    ctx: RequestContext,
    path: string,
    readonly _sheet: WorksheetApi,
  ) {
    super(ctx, path);
  }

  private list(): ChartRecord[] {
    const sheet = this._sheet._target<Sheet>();
    return this._wb.charts.filter((c) => c.sheetId === sheet.id);
  }

  _resolve(): unknown {
    return this.list();
  }

  get items(): ChartApi[] {
    if (!this._items) throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage("items"));
    return this._items;
  }

  get count(): number {
    return this._get("count");
  }

  _loadPaths(names: string[]): void {
    const wantsCount = names.includes("count");
    const itemProps = names
      .filter((n) => n !== "count")
      .map((n) => (n === "items" ? "" : n.startsWith("items/") ? n.slice(6) : n))
      .filter((n) => n !== "");
    const loadItems = names.some((n) => n !== "count") || names.length === 0;
    const props = itemProps.length > 0 ? itemProps : ["id", "name", "chartType"];
    this._ctx._enqueue({
      label: `${this._path}.load(${names.join(",")})`,
      objects: [this],
      execute: () => {
        const list = this.list();
        return {
          count: list.length,
          items: loadItems
            ? list.map((c) => {
                const probe = new ChartApi(this._ctx, "", () => c);
                return { _id: c.id, ...Object.fromEntries(props.map((p) => [p, probe._compute(c, p)])) };
              })
            : null,
        };
      },
      apply: (r) => {
        const res = r as { count: number; items: Record<string, unknown>[] | null };
        if (wantsCount) this._loaded.set("count", res.count);
        if (res.items) {
          this._items = res.items.map((row) => {
            const id = String(row._id);
            const item = chartApi(
              this._ctx,
              `chart(${id})`,
              () => this._wb.charts.find((c) => c.id === id) ?? null,
            );
            item._isNull = false;
            for (const p of props) item._loaded.set(p, row[p]);
            return item;
          });
        }
      },
    });
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this.list().length);
  }

  getItem(name: string): ChartApi {
    return chartApi(this._ctx, `${this._path}.getItem(${name})`, () => {
      const c = this.list().find((x) => x.name === name || x.id === name);
      if (!c) throw officeError(ErrorCodes.itemNotFound);
      return c;
    });
  }

  getItemOrNullObject(name: string): ChartApi {
    return chartApi(
      this._ctx,
      `${this._path}.getItemOrNullObject(${name})`,
      () => this.list().find((x) => x.name === name || x.id === name) ?? null,
    )._instantiate();
  }

  getItemAt(index: number): ChartApi {
    return chartApi(this._ctx, `${this._path}.getItemAt(${index})`, () => {
      const c = this.list()[index];
      if (!c) throw officeError(ErrorCodes.itemNotFound);
      return c;
    });
  }

  add(type: string, sourceData: RangeApi, seriesBy: string = "Auto"): ChartApi {
    this._sameContext(sourceData);
    const holder: { id?: string } = {};
    this._op(
      `add(${type},range,${seriesBy})`,
      (args) => {
        const [chartType, by] = args as [string, string];
        if (!CHART_TYPE_VALUES.has(chartType) || !SERIES_BY_VALUES.has(by))
          throw officeError(ErrorCodes.invalidArgument);
        if (!(sourceData instanceof RangeApi)) throw officeError(ErrorCodes.invalidArgument);
        const sheet = this._sheet._target<Sheet>();
        const source = sourceData._target<RangeTarget>();
        const existing = this._wb.charts.filter((c) => c.sheetId === sheet.id).length;
        const chart: ChartRecord = {
          id: this._wb.newId("chart"),
          name: `Chart ${existing + 1}`,
          sheetId: sheet.id,
          type: chartType,
          seriesBy: by,
          source: { sheetId: source.sheet.id, rect: source.rect },
          title: null,
          categoryAxisTitle: null,
          valueAxisTitle: null,
          legend: { visible: true, position: "Right" },
          position: null,
          series: autoSeries(this._wb, source.sheet, source.rect, chartType, by),
        };
        this._wb.charts.push(chart);
        holder.id = chart.id;
        this._wb.log(
          "chart",
          `${chart.name} on ${sheet.name} from ${formatAddress(source.sheet.name, source.rect)}`,
          "add-in",
        );
      },
      [type, seriesBy],
      [sourceData],
    );
    return chartApi(this._ctx, `${this._path}.add()`, () => {
      if (!holder.id) throw officeError(ErrorCodes.itemNotFound);
      return this._wb.charts.find((c) => c.id === holder.id) ?? null;
    });
  }
}

function chartApi(ctx: RequestContext, path: string, locate: () => ChartRecord | null): ChartApi {
  return wrap(new ChartApi(ctx, path, locate), "Chart");
}

/** A settable text on a chart part: chart.title, axis titles. */
class ChartTextApi extends ClientObject {
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _chart: ChartApi,
    readonly _field: "title" | "categoryAxisTitle" | "valueAxisTitle",
  ) {
    super(ctx, path);
  }
  _resolve(): unknown {
    return this._chart._resolve();
  }
  _scalars(): string[] {
    return ["text", "visible"];
  }
  _compute(t: unknown, name: string): unknown {
    const chart = t as ChartRecord;
    if (name === "text") return chart[this._field] ?? "";
    if (name === "visible") return chart[this._field] !== null;
    return super._compute(t, name);
  }
}

props(ChartTextApi, {
  text: (self: ChartTextApi, t: ChartRecord, v) => {
    if (typeof v !== "string") throw officeError(ErrorCodes.invalidArgument);
    t[self._field] = v;
    self._wb.log("chart", `${t.name} ${self._field}`, "add-in");
  },
  visible: (self: ChartTextApi, t: ChartRecord, v) => {
    if (typeof v !== "boolean") throw officeError(ErrorCodes.invalidArgument);
    if (!v) t[self._field] = null;
    self._wb.log("chart", `${t.name} ${self._field} visible`, "add-in");
  },
});

class ChartAxisApi extends ClientObject {
  readonly title: ChartTextApi;
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _chart: ChartApi,
    field: "categoryAxisTitle" | "valueAxisTitle",
  ) {
    super(ctx, path);
    this.title = wrap(new ChartTextApi(ctx, `${path}.title`, _chart, field), "ChartAxisTitle");
  }
  _resolve(): unknown {
    return this._chart._resolve();
  }
  _nav(name: string): ClientObject | undefined {
    return name === "title" ? this.title : undefined;
  }
}

class ChartAxesApi extends ClientObject {
  readonly categoryAxis: ChartAxisApi;
  readonly valueAxis: ChartAxisApi;
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _chart: ChartApi,
  ) {
    super(ctx, path);
    this.categoryAxis = wrap(
      new ChartAxisApi(ctx, `${path}.categoryAxis`, _chart, "categoryAxisTitle"),
      "ChartAxis",
    );
    this.valueAxis = wrap(new ChartAxisApi(ctx, `${path}.valueAxis`, _chart, "valueAxisTitle"), "ChartAxis");
  }
  _resolve(): unknown {
    return this._chart._resolve();
  }
  _nav(name: string): ClientObject | undefined {
    return name === "categoryAxis" ? this.categoryAxis : name === "valueAxis" ? this.valueAxis : undefined;
  }
}

class ChartLegendApi extends ClientObject {
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _chart: ChartApi,
  ) {
    super(ctx, path);
  }
  _resolve(): unknown {
    return this._chart._resolve();
  }
  _scalars(): string[] {
    return ["visible", "position"];
  }
  _compute(t: unknown, name: string): unknown {
    const chart = t as ChartRecord;
    if (name === "visible") return chart.legend.visible;
    if (name === "position") return chart.legend.position;
    return super._compute(t, name);
  }
}

props(ChartLegendApi, {
  visible: (self: ChartLegendApi, t: ChartRecord, v) => {
    if (typeof v !== "boolean") throw officeError(ErrorCodes.invalidArgument);
    t.legend.visible = v;
    self._wb.log("chart", `${t.name} legend`, "add-in");
  },
  position: (self: ChartLegendApi, t: ChartRecord, v) => {
    if (typeof v !== "string" || !LEGEND_POSITIONS.has(v)) throw officeError(ErrorCodes.invalidArgument);
    t.legend.position = v;
    self._wb.log("chart", `${t.name} legend`, "add-in");
  },
});

export class ChartApi extends ClientObject {
  readonly title: ChartTextApi;
  readonly axes: ChartAxesApi;
  readonly legend: ChartLegendApi;
  readonly series: ChartSeriesCollectionApi;

  constructor(
    ctx: RequestContext,
    path: string,
    readonly _locate: () => ChartRecord | null,
  ) {
    super(ctx, path);
    this.title = wrap(new ChartTextApi(ctx, `${path}.title`, this, "title"), "ChartTitle");
    this.axes = wrap(new ChartAxesApi(ctx, `${path}.axes`, this), "ChartAxes");
    this.legend = wrap(new ChartLegendApi(ctx, `${path}.legend`, this), "ChartLegend");
    this.series = wrap(new ChartSeriesCollectionApi(ctx, `${path}.series`, this), "ChartSeriesCollection");
  }

  _resolve(): unknown {
    return this._locate();
  }

  _scalars(): string[] {
    return ["id", "name", "chartType"];
  }

  _nav(name: string): ClientObject | undefined {
    switch (name) {
      case "title":
        return this.title;
      case "axes":
        return this.axes;
      case "legend":
        return this.legend;
      case "series":
        return this.series;
      default:
        return undefined;
    }
  }

  _compute(t: unknown, name: string): unknown {
    const chart = t as ChartRecord;
    switch (name) {
      case "id":
        return chart.id;
      case "name":
        return chart.name;
      case "chartType":
        return chart.type;
      default:
        return super._compute(t, name);
    }
  }

  get worksheet(): WorksheetApi {
    return worksheetApi(
      this._ctx,
      `${this._path}.worksheet`,
      () => this._wb.sheetById(this._target<ChartRecord>().sheetId) ?? null,
    );
  }

  setPosition(startCell: RangeApi | string, endCell?: RangeApi | string): void {
    this._sameContext(startCell);
    this._sameContext(endCell);
    const others = [startCell, endCell].filter((x): x is RangeApi => x instanceof ClientObject);
    this._op(
      "setPosition()",
      () => {
        const chart = this._target<ChartRecord>();
        const sheet = this._wb.sheetById(chart.sheetId)!;
        const cell = (x: RangeApi | string): string => {
          const { sheet: s, rect } =
            typeof x === "string" ? this._wb.resolve(x, sheet) : x._target<RangeTarget>();
          if (s !== sheet) throw officeError(ErrorCodes.invalidArgument);
          return localAddress({ row: rect.row, column: rect.column, rowCount: 1, columnCount: 1 });
        };
        const start = cell(startCell);
        const end = endCell === undefined || endCell === null ? null : cell(endCell);
        chart.position = { start, end };
        this._wb.log("chart", `${chart.name} position`, "add-in");
      },
      [typeof startCell === "string" ? startCell : null, typeof endCell === "string" ? endCell : null],
      others,
    );
  }

  delete(): void {
    this._op("delete()", () => {
      const chart = this._target<ChartRecord>();
      this._wb.charts = this._wb.charts.filter((c) => c !== chart);
      this._wb.log("chart-delete", chart.name, "add-in");
    });
  }
}

props(ChartApi, {
  id: null,
  name: (self: ChartApi, t: ChartRecord, v) => {
    if (typeof v !== "string" || v.length === 0) throw officeError(ErrorCodes.invalidArgument);
    t.name = v;
    self._wb.log("chart", `rename ${v}`, "add-in");
  },
  chartType: (self: ChartApi, t: ChartRecord, v) => {
    if (typeof v !== "string" || !CHART_TYPE_VALUES.has(v)) throw officeError(ErrorCodes.invalidArgument);
    t.type = v;
    self._wb.log("chart", `${t.name} type`, "add-in");
  },
});

class ChartSeriesCollectionApi extends ClientObject {
  _items: ChartSeriesApi[] | undefined;

  constructor(
    ctx: RequestContext,
    path: string,
    readonly _chart: ChartApi,
  ) {
    super(ctx, path);
  }

  _resolve(): unknown {
    return this._chart._resolve();
  }

  get items(): ChartSeriesApi[] {
    if (!this._items) throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage("items"));
    return this._items;
  }

  get count(): number {
    return this._get("count");
  }

  _loadPaths(names: string[]): void {
    const wantsCount = names.includes("count");
    const itemProps = names
      .filter((n) => n !== "count")
      .map((n) => (n === "items" ? "" : n.startsWith("items/") ? n.slice(6) : n))
      .filter((n) => n !== "");
    const loadItems = names.some((n) => n !== "count") || names.length === 0;
    const props = itemProps.length > 0 ? itemProps : ["name", "chartType", "markerStyle", "markerSize"];
    this._ctx._enqueue({
      label: `${this._path}.load(${names.join(",")})`,
      objects: [this],
      execute: () => {
        const chart = this._target<ChartRecord>();
        return {
          count: chart.series.length,
          items: loadItems
            ? chart.series.map((s) => {
                const probe = new ChartSeriesApi(this._ctx, "", () => ({ chart, series: s }));
                return {
                  _id: s.id,
                  ...Object.fromEntries(props.map((p) => [p, probe._compute({ chart, series: s }, p)])),
                };
              })
            : null,
        };
      },
      apply: (r) => {
        const res = r as { count: number; items: Record<string, unknown>[] | null };
        if (wantsCount) this._loaded.set("count", res.count);
        if (res.items) {
          this._items = res.items.map((row) => {
            const id = String(row._id);
            const item = seriesApi(this._ctx, `series(${id})`, () => {
              const chart = this._target<ChartRecord>();
              const series = chart.series.find((s) => s.id === id);
              return series ? { chart, series } : null;
            });
            item._isNull = false;
            for (const p of props) item._loaded.set(p, row[p]);
            return item;
          });
        }
      },
    });
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this._target<ChartRecord>().series.length);
  }

  getItemAt(index: number): ChartSeriesApi {
    return seriesApi(this._ctx, `${this._path}.getItemAt(${index})`, () => {
      const chart = this._target<ChartRecord>();
      const series = chart.series[index];
      if (!series) throw officeError(ErrorCodes.itemNotFound);
      return { chart, series };
    });
  }

  add(name?: string, index?: number): ChartSeriesApi {
    const holder: { id?: string } = {};
    this._op(
      `add(${name ?? ""})`,
      () => {
        const chart = this._target<ChartRecord>();
        const series: SeriesRecord = {
          id: this._wb.newId("series"),
          name: name ?? `Series${chart.series.length + 1}`,
          values: null,
          xValues: null,
          chartType: null,
          markerStyle: null,
          markerSize: null,
        };
        if (index !== undefined && (index < 0 || index > chart.series.length))
          throw officeError(ErrorCodes.invalidArgument);
        chart.series.splice(index ?? chart.series.length, 0, series);
        holder.id = series.id;
        this._wb.log("chart", `${chart.name} series add`, "add-in");
      },
      [name ?? null, index ?? null],
    );
    return seriesApi(this._ctx, `${this._path}.add(${name ?? ""})`, () => {
      const chart = this._target<ChartRecord>();
      const series = chart.series.find((s) => s.id === holder.id);
      if (!series) throw officeError(ErrorCodes.itemNotFound);
      return { chart, series };
    });
  }
}

type SeriesTarget = { chart: ChartRecord; series: SeriesRecord };

function seriesApi(ctx: RequestContext, path: string, locate: () => SeriesTarget | null): ChartSeriesApi {
  return wrap(new ChartSeriesApi(ctx, path, locate), "ChartSeries");
}

class ChartSeriesApi extends ClientObject {
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _locate: () => SeriesTarget | null,
  ) {
    super(ctx, path);
  }

  _resolve(): unknown {
    return this._locate();
  }

  _scalars(): string[] {
    return ["name", "chartType", "markerStyle", "markerSize"];
  }

  _compute(t: unknown, name: string): unknown {
    const { chart, series } = t as SeriesTarget;
    switch (name) {
      case "name":
        return series.name;
      case "chartType":
        return series.chartType ?? chart.type;
      case "markerStyle":
        return series.markerStyle ?? "Automatic";
      case "markerSize":
        return series.markerSize ?? 7;
      default:
        return super._compute(t, name);
    }
  }

  private setRange(label: string, range: RangeApi, field: "values" | "xValues"): void {
    this._sameContext(range);
    this._op(
      label,
      () => {
        if (!(range instanceof RangeApi)) throw officeError(ErrorCodes.invalidArgument);
        const { chart, series } = this._target<SeriesTarget>();
        const { sheet, rect } = range._target<RangeTarget>();
        // A series' values or x values are one row or one column.
        if (rect.rowCount !== 1 && rect.columnCount !== 1) throw officeError(ErrorCodes.invalidArgument);
        series[field] = { sheetId: sheet.id, rect };
        this._wb.log("chart", `${chart.name} ${series.name} ${field}`, "add-in");
      },
      null,
      [range],
    );
  }

  setValues(sourceData: RangeApi): void {
    this.setRange("setValues()", sourceData, "values");
  }

  setXAxisValues(sourceData: RangeApi): void {
    this.setRange("setXAxisValues()", sourceData, "xValues");
  }

  delete(): void {
    this._op("delete()", () => {
      const { chart, series } = this._target<SeriesTarget>();
      chart.series = chart.series.filter((s) => s !== series);
      this._wb.log("chart", `${chart.name} series delete`, "add-in");
    });
  }
}

props(ChartSeriesApi, {
  name: (self: ChartSeriesApi, t: SeriesTarget, v) => {
    if (typeof v !== "string") throw officeError(ErrorCodes.invalidArgument);
    t.series.name = v;
    self._wb.log("chart", `${t.chart.name} series name`, "add-in");
  },
  chartType: (self: ChartSeriesApi, t: SeriesTarget, v) => {
    if (typeof v !== "string" || !CHART_TYPE_VALUES.has(v)) throw officeError(ErrorCodes.invalidArgument);
    t.series.chartType = v;
    self._wb.log("chart", `${t.chart.name} series type`, "add-in");
  },
  markerStyle: (self: ChartSeriesApi, t: SeriesTarget, v) => {
    if (typeof v !== "string" || !MARKER_STYLES.has(v)) throw officeError(ErrorCodes.invalidArgument);
    t.series.markerStyle = v;
    self._wb.log("chart", `${t.chart.name} series marker`, "add-in");
  },
  markerSize: (self: ChartSeriesApi, t: SeriesTarget, v) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 2 || v > 72)
      throw officeError(ErrorCodes.invalidArgument);
    t.series.markerSize = v;
    self._wb.log("chart", `${t.chart.name} series marker`, "add-in");
  },
});

// ------------------------------------------------------------------------------------------- settings

class SettingCollectionApi extends ClientObject {
  _items: SettingApi[] | undefined;

  constructor(ctx: RequestContext) {
    super(ctx, "workbook.settings");
  }

  _resolve(): unknown {
    return this._wb.settings;
  }

  get items(): SettingApi[] {
    if (!this._items) throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage("items"));
    return this._items;
  }

  _loadPaths(): void {
    this._ctx._enqueue({
      label: `${this._path}.load(items)`,
      objects: [this],
      execute: () => [...this._wb.settings].map(([key, value]) => ({ key, value })),
      apply: (r) => {
        this._items = (r as { key: string; value: unknown }[]).map(({ key, value }) => {
          const item = this.getItem(key);
          item._isNull = false;
          item._loaded.set("key", key);
          item._loaded.set("value", value);
          return item;
        });
      },
    });
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this._wb.settings.size);
  }

  add(key: string, value: unknown): SettingApi {
    this._op(
      `add(${key})`,
      (args) => {
        const [k, v] = args as [unknown, unknown];
        if (typeof k !== "string" || k.length === 0) throw officeError(ErrorCodes.invalidArgument);
        this._wb.settings.set(k, v);
        this._wb.log("setting", k, "add-in");
      },
      [key, value === undefined ? null : value],
    );
    return this.getItem(key);
  }

  getItem(key: string): SettingApi {
    return wrap(
      new SettingApi(this._ctx, `settings.getItem(${key})`, key, () => {
        if (!this._wb.settings.has(key)) throw officeError(ErrorCodes.itemNotFound);
        return key;
      }),
      "Setting",
    );
  }

  getItemOrNullObject(key: string): SettingApi {
    return wrap(
      new SettingApi(this._ctx, `settings.getItemOrNullObject(${key})`, key, () =>
        this._wb.settings.has(key) ? key : null,
      ),
      "Setting",
    )._instantiate();
  }
}

class SettingApi extends ClientObject {
  constructor(
    ctx: RequestContext,
    path: string,
    readonly _key: string,
    readonly _locate: () => string | null,
  ) {
    super(ctx, path);
  }
  _resolve(): unknown {
    return this._locate();
  }
  _scalars(): string[] {
    return ["key", "value"];
  }
  _compute(t: unknown, name: string): unknown {
    if (name === "key") return t;
    if (name === "value") return this._wb.settings.get(t as string) ?? null;
    return super._compute(t, name);
  }
  delete(): void {
    this._op("delete()", () => {
      const key = this._target<string>();
      this._wb.settings.delete(key);
      this._wb.log("setting-delete", key, "add-in");
    });
  }
}

props(SettingApi, {
  key: null,
  value: (self: SettingApi, key: string, v) => {
    self._wb.settings.set(key, v);
    self._wb.log("setting", key, "add-in");
  },
});
