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
 *
 * This file holds the host (Excel.run) and the request context (queue and sync). The proxy objects live
 * beside it: clientObject.ts (what they all share), collections.ts (items, count, load of items),
 * workbookApi.ts, worksheets.ts, ranges.ts, tables.ts, charts.ts and settings.ts.
 */
import { ENUMS } from "../enums";
import { ErrorCodes, invalidObjectPathMessage, isOfficeError, OfficeError, officeError } from "../errors";
import type { Platform, Workbook } from "../workbook";
import { ClientObject, wrap } from "./clientObject";
import { WorkbookApi } from "./workbookApi";

/**
 * Excel on the web's limit for a request and for a response: "Excel on the web limits requests and responses
 * to 5 MB" ("Performance optimization using the Excel JavaScript API", Payload size limit best practices,
 * https://learn.microsoft.com/office/dev/add-ins/excel/performance; also "Resource limits and performance
 * optimization for Office Add-ins", Excel add-ins). Both pages name only Excel on the web, so the desktop
 * platforms have no payload cap here unless a test sets one.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** The payload cap of a platform: 5 MB on the web, none documented on Windows or Mac. */
export function payloadLimitFor(platform: Platform): number {
  return platform === "web" ? PAYLOAD_LIMIT_BYTES : Infinity;
}

export type ExcelOptions = {
  requestLimitBytes?: number;
  responseLimitBytes?: number;
  /** Delay of each sync, in ms (a round trip to Excel); 0 still yields to the event loop. */
  latencyMs?: number;
};

/** One request and its response as they travelled (response 0 when the request was refused or failed). */
/** One request: its size each way, and what was in it (its statements' names, each once, in order). */
export type RequestSize = { requestBytes: number; responseBytes: number; statements: string[] };

export type SyncStats = {
  runs: number;
  syncs: number;
  failedSyncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Bytes of every request sent and every response received, summed over all syncs. */
  totalRequestBytes: number;
  totalResponseBytes: number;
  /** Each non-empty sync's sizes, in order: how well the requests fill the cap. */
  requests: RequestSize[];
  /** Objects the host holds a reference to now (see RequestContext.trackedObjects), and the most at once. */
  trackedObjects: number;
  maxTrackedObjects: number;
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
    totalRequestBytes: 0,
    totalResponseBytes: 0,
    requests: [],
    trackedObjects: 0,
    maxTrackedObjects: 0,
    lastError: null,
  };

  /**
   * The objects Excel holds on the add-in's behalf. Excel.run keeps every Range a request uses valid for the
   * rest of the batch ("Excel.run() allows you to maintain references across batches automatically",
   * "TrackedObjectsCollection object (JavaScript API for Office 2016)",
   * https://dev.office.com/reference/add-ins/excel/trackedobjectscollection), and track() keeps any object
   * beyond it. Each costs Excel memory until untrack() or trackedObjects.remove() releases it: "Having many
   * tracked objects slows down the Office application", and "the memory is freed on the next
   * context.sync() call" ("OfficeExtension.TrackedObjects class",
   * https://learn.microsoft.com/javascript/api/office/officeextension.trackedobjects; "Untrack unneeded
   * proxy objects" in "Resource limits and performance optimization for Office Add-ins",
   * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization).
   */
  readonly references = new Set<ClientObject>();

  _countReferences(): void {
    this.stats.trackedObjects = this.references.size;
    this.stats.maxTrackedObjects = Math.max(this.stats.maxTrackedObjects, this.references.size);
  }

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
  /** Objects untracked since the last sync: Excel lets go of them when the next request arrives. */
  _releases: ClientObject[] = [];
  readonly trackedObjects = {
    add: (o: unknown) => {
      for (const x of Array.isArray(o) ? o : [o]) if (x instanceof ClientObject) x.track();
    },
    remove: (o: unknown) => {
      for (const x of Array.isArray(o) ? o : [o]) if (x instanceof ClientObject) x.untrack();
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
    // The batch's own references end with it; what the add-in track()ed stays until untracked.
    const ending = this._generation;
    for (const o of this._host.references) {
      if (o._ctx === this && o._gen === ending && !o._tracked) this._host.references.delete(o);
    }
    this._host._countReferences();
    this._expired.add(ending);
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

  /** Releases what was untracked, and takes a reference to every object this request uses that keeps one. */
  private _reference(ops: Op[]): void {
    const { references } = this._host;
    for (const o of this._releases) references.delete(o);
    this._releases = [];
    for (const op of ops) {
      for (const o of op.objects) if (!o._released && (o._tracked || o._keepsReference())) references.add(o);
    }
    this._host._countReferences();
  }

  private _process(ops: Op[]): void {
    const { stats, options, workbook } = this._host;
    stats.syncs++;
    if (ops.length === 0) return this._reference(ops);
    const wire = JSON.stringify(ops.map((op) => [op.label, op.args === undefined ? null : op.args]));
    const requestBytes = utf8Length(wire);
    const size: RequestSize = {
      requestBytes,
      responseBytes: 0,
      statements: [...new Set(ops.map((o) => o.label))],
    };
    stats.requests.push(size);
    stats.totalRequestBytes += requestBytes;
    stats.maxRequestBytes = Math.max(stats.maxRequestBytes, requestBytes);
    const cap = payloadLimitFor(workbook.platform);
    if (requestBytes > (options.requestLimitBytes ?? cap)) {
      throw officeError(ErrorCodes.requestPayloadSizeLimitExceeded);
    }
    this._reference(ops);
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
    // A refused response still travelled as far as Excel's check: counted, as the request was.
    size.responseBytes = responseBytes;
    stats.totalResponseBytes += responseBytes;
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, responseBytes);
    if (responseBytes > (options.responseLimitBytes ?? cap)) {
      throw officeError(ErrorCodes.responsePayloadSizeLimitExceeded);
    }
    const received = JSON.parse(responseText) as unknown[];
    ops.forEach((op, i) => op.apply?.(received[i]));
  }
}
