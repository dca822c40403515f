/** What the collection proxies share: their items, their count, and load() of items' properties. */
import { ErrorCodes, OfficeError, propertyNotLoadedMessage } from "../errors";
import { ClientObject, found, result, type ClientResult } from "./clientObject";

/** A collection: `items` is readable once a load of them has synced. T is what it resolves to. */
export abstract class CollectionApi<I, T = unknown> extends ClientObject<T> {
  _items: I[] | undefined;

  get items(): I[] {
    if (!this._items) throw new OfficeError(ErrorCodes.propertyNotLoaded, propertyNotLoadedMessage("items"));
    return this._items;
  }
}

/** A collection with a loadable `count`. */
export abstract class CountedCollectionApi<I, T = unknown> extends CollectionApi<I, T> {
  get count(): number {
    return this._get("count");
  }
}

/**
 * A collection of workbook records (tables, charts) with ids: counted, its items found by key, and its
 * loaded items by id.
 */
export abstract class RecordCollectionApi<
  I extends ClientObject,
  R extends { id: string },
> extends CountedCollectionApi<I, R[]> {
  /** What a loaded item's path says it is: "table" gives table(id). */
  abstract readonly _kind: string;

  /** The record of this collection that a key names, or null. */
  abstract _find(key: string): R | null;

  /** The record with this id, wherever in the workbook it is. */
  abstract _byId(id: string): R | null;

  /** An item proxy at path over what locate finds. */
  abstract _item(path: string, locate: () => R | null): I;

  /** load(): by default the items' scalar properties (as Table or Chart loads them). */
  _loadPaths(names: string[]): void {
    loadItems(this, names, {
      defaults: this._item("", () => null)._scalars(),
      members: () => this._target(),
      probe: (record) => this._item("", () => record),
      id: (record) => record.id,
      item: (id) => this._item(`${this._kind}(${id})`, () => this._byId(id)),
      counted: true,
    });
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this._target().length);
  }

  getItem(key: string): I {
    return this._item(`${this._path}.getItem(${key})`, () => found(this._find(key)));
  }

  getItemOrNullObject(key: string): I {
    return this._item(`${this._path}.getItemOrNullObject(${key})`, () => this._find(key))._instantiate();
  }
}

/** How a collection's load() reaches its members. M is a member's target, I an item proxy. */
export type ItemsSpec<M, I extends ClientObject> = {
  /** The item properties load() loads when it names none. */
  defaults: string[];
  /** The members, server side (during the sync). */
  members: () => M[];
  /** A proxy over a member, to read its properties with. */
  probe: (member: M) => ClientObject;
  /** A member's id, sent back so its item finds it later; without one, items are found by position. */
  id?: (member: M) => string;
  /** The item proxy for a loaded member (its id as a string, or its position). */
  item: (id: string, index: number) => I;
  /**
   * Whether `count` loads too: then the response is { count, items } (items null when only count was
   * asked for) and the statement is labelled with the names load() was given; otherwise the response is
   * the items and the label names the item properties.
   */
  counted: boolean;
};

/** load() of a collection: "items", "items/a,b", plain item property names, and (if counted) "count". */
export function loadItems<M, I extends ClientObject>(
  collection: CollectionApi<I>,
  names: string[],
  spec: ItemsSpec<M, I>,
): void {
  const { counted } = spec;
  const wantsCount = counted && names.includes("count");
  const itemProps = names
    .filter((n) => !counted || n !== "count")
    .map((n) => (n === "items" ? "" : n.startsWith("items/") ? n.slice(6) : n))
    .filter((n) => n !== "");
  const loadsItems = !counted || names.some((n) => n !== "count") || names.length === 0;
  const props = itemProps.length > 0 ? itemProps : spec.defaults;
  const rows = (members: M[]) =>
    members.map((m) => {
      const probe = spec.probe(m);
      const values = Object.fromEntries(props.map((p) => [p, probe._compute(m, p)]));
      return spec.id ? { _id: spec.id(m), ...values } : values;
    });
  collection._read(
    counted
      ? `${collection._path}.load(${names.join(",")})`
      : `${collection._path}.load(items/${props.join(",")})`,
    () => {
      const members = spec.members();
      if (!counted) return rows(members);
      return { count: members.length, items: loadsItems ? rows(members) : null };
    },
    (r) => {
      const res = (counted ? r : { count: null, items: r }) as {
        count: number;
        items: Record<string, unknown>[] | null;
      };
      if (wantsCount) collection._loaded.set("count", res.count);
      if (res.items) {
        collection._items = res.items.map((row, i) => {
          const item = spec.item(String(row._id), i);
          item._isNull = false;
          for (const p of props) item._loaded.set(p, row[p]);
          return item;
        });
      }
    },
  );
}
