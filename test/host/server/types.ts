/**
 * How the test workbook answers Microsoft's Excel client: each Excel object the client can address is a
 * plain host object (its type name and what it stands for in the Workbook), and each type lists the members
 * Excel would run for it, by the names they have on the wire (PascalCase: "Values", "GetRange").
 */
import type { Server } from "./protocol";

/** An object of Excel's object model, as the host resolves an object path to it. */
export type HostObject = { readonly type: string; readonly [key: string]: unknown };

/** Arguments of a method or path, already resolved (an object-path argument arrives as its HostObject). */
export type Args = unknown[];

export type PropertySpec<T extends HostObject> = {
  /** The value a Query returns for it (JSON-able; undefined leaves it out of the reply). */
  get?(o: T, s: Server): unknown;
  /** A SetProperty action. Without it, the property is read-only (Excel answers InvalidArgument). */
  set?(o: T, value: unknown, s: Server): void;
};

export type TypeSpec<T extends HostObject = HostObject> = {
  properties?: Record<string, PropertySpec<T>>;
  /**
   * Objects reached from this one: a property path (ObjectPathType 4, `range.format`) or a method path
   * (ObjectPathType 3, `sheet.getRange("A1")`). null is a null object (the ...OrNullObject methods).
   */
  children?: Record<string, (o: T, args: Args, s: Server) => HostObject | null>;
  /** Methods run by a Method action (ActionType 3); the return value is the action's Value. */
  methods?: Record<string, (o: T, args: Args, s: Server) => unknown>;
  /** Collections: the items a Query of the collection lists (as `_Items`). */
  items?(o: T, s: Server): HostObject[];
  /** Collections: the object `getItem(key)` names (the indexer path, ObjectPathType 5). */
  item?(o: T, key: unknown, s: Server): HostObject | null;
  /**
   * What an Instantiate answers besides a reference: `{ Id }` lets the client address the object through
   * its collection from then on (a sheet by id survives a rename, as in Excel).
   */
  identity?(o: T, s: Server): Record<string, unknown>;
  /** Ranges: Excel keeps a reference (`_KeepReference`) and answers later requests through it. */
  referable?: boolean;
  /** False when the object no longer exists (a deleted sheet or chart): ItemNotFound. */
  exists?(o: T, s: Server): boolean;
};

export type TypeTable = Record<string, TypeSpec<never>>;
