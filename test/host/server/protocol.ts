/**
 * Excel's side of the wire: one ProcessQuery request from Microsoft's Excel client (its `Actions` and
 * `ObjectPaths`) run against the in-memory Workbook, and the reply (`Results`, `TraceIds`, `Error`) it reads
 * back. Everything the client does itself (proxies, load, PropertyNotLoaded, tracking, chunking large
 * writes, turning an `Error` into an OfficeExtension.Error) is Microsoft's code; this file models only what
 * Excel does with a request:
 *
 * - Statements run in order; the first failure stops the request, and the ones before it stay done: an
 *   error's traceMessages "contains all trace messages that were executed before the error occurred", and
 *   the page's (Word) example keeps the paragraphs inserted before a failing statement
 *   ("OfficeExtension.Error class", https://learn.microsoft.com/javascript/api/office/officeextension.error).
 * - Excel on the web refuses a request or response over 5 MB (`payloadLimitFor`).
 * - Ranges the client asks Excel to keep (`_KeepReference`) are answered with a reference id and addressed
 *   through it until `_RemoveReference`; the count of those is what "tracked objects" cost Excel.
 *
 * The wire format itself (action and object-path types, PascalCase replies, `_Items`, `_ReferenceId`) is
 * what Microsoft's client sends and expects; see test/host/README.md.
 */
import { isOfficeError, MESSAGES } from "../errors";
import { utf8Bytes, type Platform, type Workbook } from "../workbook";
import type { Args, HostObject, TypeSpec, TypeTable } from "./types";

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

export type ServerOptions = {
  requestLimitBytes?: number;
  responseLimitBytes?: number;
  /** Delay of each request, in ms (a round trip to Excel); 0 still answers on a later task. */
  latencyMs?: number;
};

/** One request: its size each way, and what was in it (its statements' names, each once, in order). */
export type RequestSize = { requestBytes: number; responseBytes: number; statements: string[] };

export type SyncStats = {
  /** Requests Excel received (an empty context.sync() sends none). */
  syncs: number;
  failedSyncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Bytes of every request received and every response sent, summed. */
  totalRequestBytes: number;
  totalResponseBytes: number;
  /** Each request's sizes, in order: how well the requests fill the cap. */
  requests: RequestSize[];
  /** Objects Excel holds a reference to now (kept ranges), and the most at once. */
  trackedObjects: number;
  maxTrackedObjects: number;
  /** Code and location of the last failed request. */
  lastError: string | null;
};

/** An error Excel reports for a statement: its code, English message and where it happened. */
export class ExcelError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly location?: string,
  ) {
    super(message ?? MESSAGES[code] ?? code);
  }
}

export function excelError(code: string, message?: string): ExcelError {
  return new ExcelError(code, message);
}

/** InvalidArgument unless the condition holds. */
export function checkArgument(ok: boolean, message?: string): void {
  if (!ok) throw excelError("InvalidArgument", message);
}

const HTTP_STATUS: Record<string, number> = {
  ItemNotFound: 404,
  RequestPayloadSizeLimitExceeded: 413,
  ResponsePayloadSizeLimitExceeded: 413,
  AccessDenied: 403,
  ApiNotFound: 404,
  GeneralException: 500,
};

type Action = {
  Id: number;
  ActionType: number;
  Name?: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
};
type ObjectPathInfo = {
  Id: number;
  ObjectPathType: number;
  Name?: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
};
type RequestBody = {
  AutoKeepReference?: boolean;
  Actions?: Action[];
  ObjectPaths?: Record<string, ObjectPathInfo>;
};
type ActionResult = { ActionId: number; Value: unknown };

const ACTION = { instantiate: 1, query: 2, method: 3, setProperty: 4, trace: 5 } as const;
const PATH = { global: 1, service: 2, method: 3, property: 4, indexer: 5, reference: 6, null: 7 } as const;

/** "Values" → "values": the client's member name for a wire name. */
export function memberName(wire: string): string {
  return wire.charAt(0).toLowerCase() + wire.slice(1);
}

/** "values" → "Values". */
function wireName(member: string): string {
  return member.charAt(0).toUpperCase() + member.slice(1);
}

/** The Excel side of one workbook: what Microsoft's client talks to. */
export class Server {
  readonly stats: SyncStats = {
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
  /** Members Excel ran for the client, as "Range.values": the coverage line compares them with src/excel. */
  readonly answered = new Set<string>();
  /** Objects kept for the client, by reference id. */
  readonly references = new Map<string, HostObject>();
  /** The same, from object to id: asked at every Instantiate of a range, so not a scan of the map. */
  private readonly referenceIds = new WeakMap<HostObject, string>();
  private nextReference = 1;
  private pendingAfterRequest: (() => void)[] = [];

  constructor(
    readonly workbook: Workbook,
    readonly types: TypeTable,
    readonly options: ServerOptions = {},
  ) {
    // The coverage report (test/setup/excelCoverage.ts) collects what every server answered.
    (globalThis as { __excelServers?: Server[] }).__excelServers?.push(this);
  }

  spec(o: HostObject): TypeSpec<HostObject> {
    const spec = this.types[o.type] as TypeSpec<HostObject> | undefined;
    if (!spec) throw new Error(`The test workbook has no type ${o.type}`);
    return spec;
  }

  /** A member the client used that the test workbook does not model: recorded, and Excel's ApiNotFound. */
  notModelled(type: string, member: string, how = ""): ExcelError {
    this.workbook.unsupported.push(`${type}.${memberName(member)}${how}`);
    return new ExcelError(
      "ApiNotFound",
      `The test workbook does not implement ${type}.${memberName(member)}${how}.`,
    );
  }

  noteAnswered(type: string, member: string): void {
    this.answered.add(`${type}.${memberName(member)}`);
  }

  private countReferences(): void {
    this.stats.trackedObjects = this.references.size;
    this.stats.maxTrackedObjects = Math.max(this.stats.maxTrackedObjects, this.references.size);
  }

  /** One ProcessQuery: the request body as the client sent it, and the reply body as text. */
  processQuery(bodyText: string): string {
    const { stats, options, workbook } = this;
    stats.syncs++;
    const requestBytes = utf8Bytes(bodyText);
    const body = JSON.parse(bodyText) as RequestBody;
    const actions = body.Actions ?? [];
    const size: RequestSize = { requestBytes, responseBytes: 0, statements: [] };
    stats.requests.push(size);
    stats.totalRequestBytes += requestBytes;
    stats.maxRequestBytes = Math.max(stats.maxRequestBytes, requestBytes);
    const cap = payloadLimitFor(workbook.platform);
    if (requestBytes > (options.requestLimitBytes ?? cap)) {
      return this.failed(size, { Error: this.errorBody(new ExcelError("RequestPayloadSizeLimitExceeded")) });
    }
    const request = new RequestRun(this, body.ObjectPaths ?? {});
    const results: ActionResult[] = [];
    const traceIds: number[] = [];
    let error: Record<string, unknown> | null = null;
    const statements = new Set<string>();
    try {
      actions.forEach((action, index) => {
        if (error) return;
        try {
          const label = request.label(action);
          if (label) statements.add(label);
          if (action.ActionType === ACTION.trace) {
            traceIds.push(action.Id);
            results.push({ ActionId: action.Id, Value: null });
            return;
          }
          results.push({ ActionId: action.Id, Value: request.run(action) });
        } catch (e) {
          error = { ...this.errorBody(e), ActionIndex: index };
        }
      });
    } finally {
      for (const f of this.pendingAfterRequest.splice(0)) f();
      size.statements = [...statements];
      this.countReferences();
      workbook.changed();
    }
    const reply: Record<string, unknown> = { Results: results };
    if (traceIds.length) reply.TraceIds = traceIds;
    if (error) reply.Error = error;
    const text = JSON.stringify(reply);
    const responseBytes = utf8Bytes(text);
    // A refused response still travelled as far as Excel's check: counted, as the request was.
    size.responseBytes = responseBytes;
    stats.totalResponseBytes += responseBytes;
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, responseBytes);
    if (responseBytes > (options.responseLimitBytes ?? cap)) {
      return this.failed(null, { Error: this.errorBody(new ExcelError("ResponsePayloadSizeLimitExceeded")) });
    }
    if (error) this.noteFailure(error);
    return text;
  }

  private errorBody(e: unknown): Record<string, unknown> {
    // The workbook model raises Excel's errors as OfficeError (errors.ts); both are Excel's answer.
    const err =
      e instanceof ExcelError
        ? e
        : isOfficeError(e)
          ? new ExcelError(e.code, e.message, e.debugInfo.errorLocation)
          : new ExcelError("GeneralException");
    if (!(e instanceof ExcelError) && !isOfficeError(e)) {
      // A fault of the test workbook itself: kept visible rather than passed off as Excel's.
      this.workbook.unsupported.push(
        `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
    }
    return {
      Code: err.code,
      Message: err.message,
      HttpStatusCode: HTTP_STATUS[err.code] ?? 400,
      ...(err.location ? { Location: err.location } : {}),
    };
  }

  private noteFailure(error: Record<string, unknown>): void {
    this.stats.failedSyncs++;
    this.stats.lastError = `${String(error.Code)} at ${String(error.Location ?? "?")}`;
  }

  private failed(size: RequestSize | null, reply: { Error: Record<string, unknown> }): string {
    this.noteFailure(reply.Error);
    const text = JSON.stringify(reply);
    if (size) {
      size.responseBytes = utf8Bytes(text);
      this.stats.totalResponseBytes += size.responseBytes;
    }
    return text;
  }

  /** Runs f when the request being processed has run its last statement. */
  afterRequest(f: () => void): void {
    this.pendingAfterRequest.push(f);
  }

  /** Keeps an object for the client and returns its reference id. */
  keep(o: HostObject): string {
    const held = this.referenceOf(o);
    if (held) return held;
    const id = `${o.type}#${this.nextReference++}`;
    this.references.set(id, o);
    this.referenceIds.set(o, id);
    return id;
  }

  referenceOf(o: HostObject): string | null {
    const id = this.referenceIds.get(o);
    return id !== undefined && this.references.has(id) ? id : null;
  }

  release(id: string): void {
    const o = this.references.get(id);
    if (o) this.referenceIds.delete(o);
    this.references.delete(id);
  }

  /** The value a Query gives for one property (with `answered` noted). */
  read(o: HostObject, member: string): unknown {
    const spec = this.spec(o);
    const wire = wireName(member);
    const prop = spec.properties?.[wire];
    if (!prop?.get) throw this.notModelled(o.type, wire);
    this.noteAnswered(o.type, wire);
    return prop.get(o, this);
  }
}

/** One request's object paths, resolved once each (a method path such as `charts.add` runs once). */
class RequestRun {
  private readonly resolved = new Map<number, HostObject | null>();

  constructor(
    private readonly server: Server,
    private readonly paths: Record<string, ObjectPathInfo>,
  ) {}

  /** A short name for a statement, as "Range.values =" or "Worksheet.getRange". */
  label(action: Action): string | null {
    if (action.ActionType === ACTION.trace) return null;
    const path = this.paths[String(action.ObjectPathId)];
    if (action.ActionType === ACTION.instantiate) {
      // An object a method makes (worksheet.getRange(…), charts.add(…)) is named by that method; the client
      // instantiates every path it uses, and properties (workbook.worksheets) and indexers say nothing more.
      if (path?.ObjectPathType !== PATH.method) return null;
      return `${this.typeNameOf(path.ParentObjectPathId ?? -1)}.${memberName(path.Name ?? "")}`;
    }
    const type = path ? this.typeNameOf(action.ObjectPathId) : "?";
    if (action.ActionType === ACTION.query) return `${type}.load`;
    if (action.ActionType === ACTION.setProperty) return `${type}.${memberName(action.Name ?? "")} =`;
    return `${type}.${memberName(action.Name ?? "")}`;
  }

  private typeNameOf(id: number): string {
    try {
      return this.object(id)?.type ?? "null";
    } catch {
      return "?";
    }
  }

  /** The object a path id names; null for a null object; throws Excel's error when it cannot be found. */
  object(id: number): HostObject | null {
    if (this.resolved.has(id)) return this.resolved.get(id)!;
    const info = this.paths[String(id)];
    if (!info) throw excelError("InvalidArgument", `Unknown object path ${id}.`);
    const o = this.resolve(info);
    this.resolved.set(id, o);
    return o;
  }

  /** What a path hangs off; a null object's children are null objects too. */
  private parent(info: ObjectPathInfo): HostObject | null {
    return this.object(info.ParentObjectPathId ?? -1);
  }

  private args(info: { ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] } }): Args {
    const list = info.ArgumentInfo?.Arguments ?? [];
    const refs = info.ArgumentInfo?.ReferencedObjectPathIds ?? [];
    return list.map((a, i) => (refs[i] ? this.object(refs[i]) : a));
  }

  private resolve(info: ObjectPathInfo): HostObject | null {
    const s = this.server;
    switch (info.ObjectPathType) {
      case PATH.global:
        return { type: "Workbook" };
      case PATH.null:
        return null;
      case PATH.reference: {
        const kept = s.references.get(info.Name ?? "");
        // Excel answers a reference it no longer holds as the client's InvalidObjectPath would not: it
        // cannot find the object.
        if (!kept) throw excelError("InvalidObjectPath", `The reference ${info.Name} is not valid.`);
        return kept;
      }
      case PATH.property:
      case PATH.method: {
        const parent = this.parent(info);
        if (!parent) return null;
        const spec = s.spec(parent);
        const name = info.Name ?? "";
        const child = spec.children?.[name];
        if (!child) throw s.notModelled(parent.type, name, info.ObjectPathType === PATH.method ? "()" : "");
        s.noteAnswered(parent.type, name);
        // Excel names the member that failed, "the object type and property or method name"
        // (OfficeExtension.DebugInfo.errorLocation, https://learn.microsoft.com/javascript/api/office/officeextension.debuginfo).
        let o: HostObject | null;
        try {
          o = child(parent, this.args(info), s);
        } catch (e) {
          throw located(e, `${parent.type}.${memberName(name)}`);
        }
        if (o) this.checkExists(o);
        return o;
      }
      case PATH.indexer: {
        const parent = this.parent(info);
        if (!parent) return null;
        const spec = s.spec(parent);
        if (!spec.item) throw s.notModelled(parent.type, "getItem", "()");
        s.noteAnswered(parent.type, "getItem");
        const o = spec.item(parent, this.args(info)[0], s);
        // Located as any failing member (OfficeExtension.DebugInfo.errorLocation, Learn, above).
        if (!o) throw new ExcelError("ItemNotFound", undefined, `${parent.type}.getItem`);
        return o;
      }
      default:
        throw excelError("InvalidArgument", `Object path type ${info.ObjectPathType} is not modelled.`);
    }
  }

  private checkExists(o: HostObject): void {
    const spec = this.server.spec(o);
    if (spec.exists && !spec.exists(o, this.server)) throw excelError("ItemNotFound");
  }

  /** Runs one action and returns its Value. */
  run(action: Action): unknown {
    const s = this.server;
    const o = this.object(action.ObjectPathId);
    switch (action.ActionType) {
      case ACTION.instantiate: {
        if (!o) return null;
        this.checkExists(o);
        const spec = s.spec(o);
        const ref = spec.referable ? s.referenceOf(o) : null;
        if (ref) return { _ReferenceId: ref };
        return spec.identity?.(o, s) ?? {};
      }
      // A null object (an ...OrNullObject method found nothing): the add-in learns it from isNullObject after
      // the sync ("*OrNullObject methods and properties", Application-specific API model,
      // https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model). The page does
      // not say what Excel does with the other statements of that request on it; here they do nothing and
      // answer null, so a test cannot pass by writing through a null object.
      case ACTION.query:
        if (!o) return null;
        this.checkExists(o);
        return this.query(o, action.QueryInfo ?? {});
      case ACTION.method:
        return this.method(o, action);
      case ACTION.setProperty: {
        if (!o) return null;
        this.checkExists(o);
        const spec = s.spec(o);
        const name = action.Name ?? "";
        const prop = spec.properties?.[name];
        if (!prop?.set) {
          if (prop?.get) throw new ExcelError("InvalidArgument", undefined, `${o.type}.${memberName(name)}`);
          throw s.notModelled(o.type, name, " =");
        }
        s.noteAnswered(o.type, name);
        try {
          prop.set(o, this.args(action)[0], s);
        } catch (e) {
          throw located(e, `${o.type}.${memberName(name)}`);
        }
        return null;
      }
      default:
        throw excelError("InvalidArgument", `Action type ${action.ActionType} is not modelled.`);
    }
  }

  private method(o: HostObject | null, action: Action): unknown {
    const s = this.server;
    const name = action.Name ?? "";
    const args = this.args(action);
    if (name === "_KeepReference") {
      if (o && s.spec(o).referable) s.keep(o);
      return null;
    }
    if (name === "_RemoveReference") {
      s.release(String(args[0]));
      return null;
    }
    if (!o) return null;
    this.checkExists(o);
    const spec = s.spec(o);
    const m = spec.methods?.[name];
    if (!m) throw s.notModelled(o.type, name, "()");
    s.noteAnswered(o.type, name);
    try {
      return m(o, args, s);
    } catch (e) {
      throw located(e, `${o.type}.${memberName(name)}`);
    }
  }

  /**
   * A Query: the selected properties (all scalar ones when none are named). On a collection, names the
   * collection has (`count`) are its own, and the rest are its items' (`load("items/name")` selects "name"),
   * answered as `_Items`.
   */
  private query(o: HostObject, q: { Select?: string[]; Top?: number; Skip?: number }): unknown {
    const s = this.server;
    const spec = s.spec(o);
    if (!spec.items) return this.fields(o, q.Select);
    const own = (q.Select ?? []).filter((n) => spec.properties?.[wireName(n)]);
    const theirs = (q.Select ?? []).filter((n) => !spec.properties?.[wireName(n)]);
    const out = this.fields(o, own);
    if (theirs.length > 0 || !q.Select?.length) {
      s.noteAnswered(o.type, "items");
      let items = spec.items(o, s);
      if (q.Skip) items = items.slice(q.Skip);
      if (q.Top !== undefined && q.Top >= 0) items = items.slice(0, q.Top);
      // Items carry only what was selected. No Microsoft source says Excel adds an id to each, and without
      // one Microsoft's client names an item by its position from then on (getItemAt(index), in
      // ObjectPathFactory.createChildItemObjectPathUsingIndexerOrGetItemAt), the stricter case: code that
      // deletes items must not shift the positions of the ones it still names.
      out._Items = items.map((item) => this.fields(item, theirs.length ? theirs : undefined));
    }
    return out;
  }

  /**
   * The named properties of an object ("*" or none: every scalar one). A name with a slash reaches into a
   * child object (`load("title/text")` on a chart selects "title/text"), answered as a nested object.
   */
  private fields(o: HostObject, select: string[] | undefined): Record<string, unknown> {
    const s = this.server;
    const spec = s.spec(o);
    const all = select === undefined || select.includes("*");
    const names = all
      ? Object.keys(spec.properties ?? {})
          .filter((k) => spec.properties![k].get)
          .map(memberName)
      : select;
    const out: Record<string, unknown> = {};
    const nested = new Map<string, string[]>();
    for (const name of names) {
      const slash = name.indexOf("/");
      if (slash > 0) {
        const head = name.slice(0, slash);
        nested.set(head, [...(nested.get(head) ?? []), name.slice(slash + 1)]);
        continue;
      }
      const value = s.read(o, name);
      if (value !== undefined) out[wireName(name)] = value;
    }
    for (const [head, rest] of nested) {
      const child = spec.children?.[wireName(head)];
      if (!child) throw s.notModelled(o.type, wireName(head));
      s.noteAnswered(o.type, wireName(head));
      const target = child(o, [], s);
      out[wireName(head)] = target ? this.query(target, { Select: rest }) : null;
    }
    return out;
  }
}

function located(e: unknown, location: string): unknown {
  if (e instanceof ExcelError && !e.location) return new ExcelError(e.code, e.message, location);
  if (isOfficeError(e) && !e.debugInfo.errorLocation) return new ExcelError(e.code, e.message, location);
  return e;
}
