/** workbook.settings and the Setting proxy. */
import type { Workbook } from "../workbook";
import { checkArgument, ClientObject, found, proxyMaker, props, result } from "./clientObject";
import type { ClientResult, Fields } from "./clientObject";
import { CollectionApi } from "./collections";
import type { RequestContext } from "./context";

export class SettingCollectionApi extends CollectionApi<SettingApi, Workbook["settings"]> {
  constructor(ctx: RequestContext) {
    super(ctx, "workbook.settings", () => ctx._host.workbook.settings);
  }

  _loadPaths(): void {
    this._read(
      `${this._path}.load(items)`,
      () => [...this._wb.settings].map(([key, value]) => ({ key, value })),
      (r) => {
        this._items = (r as { key: string; value: unknown }[]).map(({ key, value }) => {
          const item = this.getItem(key);
          item._isNull = false;
          item._loaded.set("key", key);
          item._loaded.set("value", value);
          return item;
        });
      },
    );
  }

  getCount(): ClientResult<number> {
    return result(this, "getCount()", () => this._wb.settings.size);
  }

  add(key: string, value: unknown): SettingApi {
    this._op(
      `add(${key})`,
      (args) => {
        const [k, v] = args as [unknown, unknown];
        checkArgument(typeof k === "string" && k.length > 0);
        this._wb.settings.set(k, v);
        this._log("setting", k);
      },
      [key, value === undefined ? null : value],
    );
    return this.getItem(key);
  }

  getItem(key: string): SettingApi {
    return settingApi(this._ctx, `settings.getItem(${key})`, () =>
      found(this._wb.settings.has(key) ? key : null),
    );
  }

  getItemOrNullObject(key: string): SettingApi {
    return settingApi(this._ctx, `settings.getItemOrNullObject(${key})`, () =>
      this._wb.settings.has(key) ? key : null,
    )._instantiate();
  }
}

/** A setting; its target is its key. */
class SettingApi extends ClientObject<string> {
  _fields(): Fields<string> {
    return {
      key: (key) => key,
      value: (key) => this._wb.settings.get(key) ?? null,
    };
  }
  delete(): void {
    this._op("delete()", () => {
      const key = this._target();
      this._wb.settings.delete(key);
      this._log("setting-delete", key);
    });
  }
}

const settingApi = proxyMaker(SettingApi, "Setting");

props(SettingApi, {
  key: null,
  value: (self: SettingApi, key: string, v) => {
    self._wb.settings.set(key, v);
    self._log("setting", key);
  },
});
