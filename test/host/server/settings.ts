/** Excel's side of workbook.settings (ExcelApi 1.4): the key/value pairs in `workbook.settings`. */
import { checkArgument, excelError, type Server } from "./protocol";
import type { HostObject, TypeSpec, TypeTable } from "./types";

type SettingsObject = { type: "SettingCollection" };
/** A setting is its key: it exists while the workbook has a value under that key. */
type SettingObject = { type: "Setting"; key: string };

/** workbook.settings. */
export function settingsOf(): HostObject {
  const o: SettingsObject = { type: "SettingCollection" };
  return o;
}

function settingOf(key: string): SettingObject {
  return { type: "Setting", key };
}

function lookUp(key: unknown, s: Server): SettingObject | null {
  return typeof key === "string" && s.workbook.settings.has(key) ? settingOf(key) : null;
}

const SettingCollection: TypeSpec<SettingsObject> = {
  methods: { GetCount: (_o, _args, s) => s.workbook.settings.size },
  children: {
    /** add(key, value): "Sets or adds the specified setting to the workbook." (Excel.SettingCollection.add). */
    Add: (_o, [key, value], s) => {
      checkArgument(typeof key === "string" && key.length > 0);
      s.workbook.settings.set(key as string, value === undefined ? null : value);
      s.workbook.log("setting", key as string, "add-in");
      return settingOf(key as string);
    },
    GetItemOrNullObject: (_o, [key], s) => lookUp(key, s),
    // How the client addresses an item it loaded without its _Id (Microsoft's client library asks for the
    // item at its position then).
    GetItemAt: (_o, [index], s) => {
      const key = typeof index === "number" ? [...s.workbook.settings.keys()][index] : undefined;
      if (key === undefined) throw excelError("ItemNotFound");
      return settingOf(key);
    },
  },
  items: (_o, s) => [...s.workbook.settings.keys()].map(settingOf),
  item: (_o, key, s) => lookUp(key, s),
};

const Setting: TypeSpec<SettingObject> = {
  properties: {
    Key: { get: (o) => o.key },
    Value: {
      get: (o, s) => s.workbook.settings.get(o.key) ?? null,
      set: (o, v, s) => {
        s.workbook.settings.set(o.key, v);
        s.workbook.log("setting", o.key, "add-in");
      },
    },
    // The client's Setting reads its id as "_Id" (from a load and from an Instantiate's reply); the key is
    // what getItem finds it by.
    _Id: { get: (o) => o.key },
  },
  methods: {
    Delete: (o, _args, s) => {
      s.workbook.settings.delete(o.key);
      s.workbook.log("setting-delete", o.key, "add-in");
    },
  },
  // So a setting made by add(key, value) is addressed by its key in later requests.
  identity: (o) => ({ _Id: o.key }),
  exists: (o, s) => s.workbook.settings.has(o.key),
};

export const SETTING_TYPES: TypeTable = { SettingCollection, Setting };
