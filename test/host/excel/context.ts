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
import type { Workbook } from "../workbook";
import { ClientObject, wrap } from "./clientObject";
import { WorkbookApi } from "./workbookApi";

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
