/**
 * What every proxy object shares: ClientObject (queued work, load() and its cache of loaded properties),
 * the guard that reports members the fake lacks, and small helpers the proxies use to declare themselves.
 */
import { ErrorCodes, OfficeError, officeError, propertyNotLoadedMessage } from "../errors";
import type { Workbook } from "../workbook";
import type { RequestContext } from "./context";

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
export function wrap<T extends ClientObject | object>(obj: T, typeName: string, workbook?: Workbook): T {
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

// ------------------------------------------------------------------------------------------- load specs

export type LoadSpec = string | string[] | Record<string, unknown> | undefined;

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

// ------------------------------------------------------------------------------------------- ClientObject

/** How a proxy reads each of its scalar properties from its target, in the order load() loads them. */
export type Fields<T> = Record<string, (target: T) => unknown>;

/** A proxy class: what ClientObject's subclasses are built with. */
export type ProxyClass<T, A> = new (ctx: RequestContext, path: string, locate: () => T | null) => A;

/** A proxy object: its target in the workbook is whatever `locate` finds during a sync (null: none). */
export abstract class ClientObject<T = unknown> {
  _ctx: RequestContext;
  _path: string;
  _gen: number;
  _tracked = false;
  /** untrack()ed: Excel holds no reference to it any more. */
  _released = false;
  _loaded = new Map<string, unknown>();
  _isNull: boolean | undefined = undefined;

  constructor(
    ctx: RequestContext,
    path: string,
    readonly _locate: () => T | null,
  ) {
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
  _resolve(): T | null {
    return this._locate();
  }

  /** The scalar properties and how each reads its target; load() with no argument loads them all. */
  _fields(): Fields<never> {
    return {};
  }

  /** Scalar properties load() with no argument loads. */
  _scalars(): string[] {
    return Object.keys(this._fields());
  }

  /** A navigation property, for loads such as "format/font/bold". */
  _nav(name: string): ClientObject | undefined {
    void name;
    return undefined;
  }

  _compute(target: unknown, name: string): unknown {
    const fields = this._fields();
    if (Object.prototype.hasOwnProperty.call(fields, name)) return fields[name](target as never);
    throw officeError(
      ErrorCodes.notImplemented,
      `The test workbook does not implement loading ${this.constructor.name.replace(/Api$/, "")}.${name}.`,
    );
  }

  /** A part of this object (format, font, legend…): a proxy of another class over the same target. */
  _part<A extends object>(Cls: ProxyClass<T, A>, name: string, typeName: string): A {
    return wrap(new Cls(this._ctx, `${this._path}.${name}`, this._locate), typeName);
  }

  _alive(): boolean {
    return this._tracked || !this._ctx._expired.has(this._gen);
  }

  _target<U = T>(): U {
    const t = this._resolve();
    if (t === null || t === undefined) throw officeError(ErrorCodes.itemNotFound, undefined, this._path);
    return t as unknown as U;
  }

  _get<V>(name: string): V {
    if (this._isNull === true) return undefined as V;
    if (!this._loaded.has(name)) {
      throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage(name));
    }
    return this._loaded.get(name) as V;
  }

  _op(label: string, execute: (args: unknown) => unknown, args?: unknown, others: ClientObject[] = []): void {
    this._ctx._enqueue({ label: `${this._path}.${label}`, objects: [this, ...others], args, execute });
  }

  /** A queued read: `execute` runs during the sync, `apply` takes its result as it travelled (JSON). */
  _read(label: string, execute: () => unknown, apply: (response: unknown) => void): void {
    this._ctx._enqueue({ label, objects: [this], execute, apply });
  }

  /** A change the add-in made, in the workbook's log. */
  _log(kind: string, text: string): void {
    this._wb.log(kind, text, "add-in");
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
    this._read(
      this._path,
      () => (this._resolve() === null ? null : true),
      (r) => {
        this._isNull = r === null;
      },
    );
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
    this._read(
      `${this._path}.load(${names.join(",")})`,
      () => {
        const t = this._resolve();
        if (t === null || t === undefined) return null;
        const out: Record<string, unknown> = {};
        for (const n of names) out[n] = this._compute(t, n);
        return out;
      },
      (r) => {
        this._isNull = r === null;
        if (r === null) return;
        for (const [k, v] of Object.entries(r as Record<string, unknown>)) this._loaded.set(k, v);
      },
    );
  }

  /**
   * Whether Excel.run keeps a reference to this object once a request uses it (Range objects do; see
   * ExcelHost.references for the sources).
   */
  _keepsReference(): boolean {
    return false;
  }

  track(): this {
    this._tracked = true;
    this._released = false;
    return this;
  }

  /** Excel lets go of the object at the next sync (context.trackedObjects.remove(this) is the same). */
  untrack(): this {
    this._tracked = false;
    this._released = true;
    this._ctx._releases.push(this);
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** A function that makes guarded proxies of one class, for a path and a way to find the target. */
export function proxyMaker<T, A extends ClientObject<T>>(
  Cls: ProxyClass<T, A>,
  typeName: string,
): (ctx: RequestContext, path: string, locate: () => T | null) => A {
  return (ctx, path, locate) => wrap(new Cls(ctx, path, locate), typeName);
}

// ------------------------------------------------------------------------------------------- helpers

/** A value from a method such as getCount(): readable after the sync. */
export class ClientResult<T> {
  _value: T | undefined;
  _done = false;
  get value(): T {
    if (!this._done) throw officeError(ErrorCodes.valueNotLoaded);
    return this._value as T;
  }
}

export function result<T>(owner: ClientObject, label: string, compute: () => T): ClientResult<T> {
  const r = new ClientResult<T>();
  owner._read(`${owner._path}.${label}`, compute, (v) => {
    r._value = v as T;
    r._done = true;
  });
  return r;
}

/** Defines loadable (and optionally settable) properties on a proxy class's prototype. */
export function props(
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

/** An argument Excel refuses unless `ok`: InvalidArgument. */
export function checkArgument(ok: boolean): asserts ok {
  if (!ok) throw officeError(ErrorCodes.invalidArgument);
}

/** What a lookup found, or ItemNotFound. */
export function found<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw officeError(ErrorCodes.itemNotFound);
  return value;
}

/**
 * The target of what a queued add() creates: add() stores the new id in `holder` when it runs; until then
 * (or if it failed) the result is ItemNotFound.
 */
export function added<T>(holder: { id?: string }, find: (id: string) => T | null): () => T | null {
  return () => {
    if (!holder.id) throw officeError(ErrorCodes.itemNotFound);
    return find(holder.id);
  };
}
