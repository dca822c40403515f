/**
 * The same read/write/settings functions against office-addin-mock, Microsoft's mock of Office.js.
 *
 * What the mock cannot express on its own, and how this file fills in:
 * - objects returned by a method (getRangeByIndexes(r, c, rows, cols)) are not in its object tree, so its
 *   sync() never reaches them: the context's sync is replaced by one that also syncs those objects;
 * - a failed request and property writes queued until sync are not modelled: the replacement sync
 *   refuses a request over a cell limit, and a Proxy records property writes at the time they are made;
 * - isNullObject needs no load in Office.js but does in the mock: the Proxy answers it.
 * The stricter hand-rolled fake in fakeExcel.ts covers writing the results sheet.
 */
jest.mock("office-addin-manifest", () => ({
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
}));

import { OfficeMockObject } from "office-addin-mock";
import { prepareData } from "../../src/excel/prepare";
import { readSelectedRange, readSelectionInfo } from "../../src/excel/read";
import { loadRunRecord, RUN_RECORD_KEY, saveRunRecord } from "../../src/excel/settings";
import { writeResults } from "../../src/excel/write";
import { fitFor, rawFrom, recordFor, typeOf } from "./fixtures";

type Write = { args: number[]; property: string; value: unknown };

function mockWorkbook(
  grid: unknown[][],
  options: { selection: number[]; areaCount?: number; maxCellsPerRequest?: number; sheetName?: string },
) {
  const sheetName = options.sheetName ?? "Sheet1";
  const calls: number[][] = [];
  const writes: Write[] = [];
  const added: string[] = [];
  const settings = new Map<string, unknown>();
  let pending: { mock: OfficeMockObject; cells: number }[] = [];
  let queuedWrites: Write[] = [];

  const cell = (r: number, c: number) => grid[r]?.[c] ?? "";
  const rangeMock = (row: number, column: number, rowCount: number, columnCount: number) => {
    const slice = Array.from({ length: rowCount }, (_, r) =>
      Array.from({ length: columnCount }, (_, c) => cell(row + r, column + c)),
    );
    const mock = new OfficeMockObject({
      address: `${sheetName}!R${row + 1}C${column + 1}`,
      rowIndex: row,
      columnIndex: column,
      rowCount,
      columnCount,
      rowHidden: false,
      values: slice,
      valueTypes: slice.map((line) => line.map(typeOf)),
    });
    const entry = { mock, cells: 0 };
    pending.push(entry);
    return new Proxy(mock, {
      get(target, property, receiver) {
        if (property === "isNullObject") return false;
        if (property === "load") {
          return (props: string) => {
            entry.cells += (props.match(/values|valueTypes/g) ?? []).length * rowCount * columnCount;
            return target.load(props);
          };
        }
        if (property === "getIntersectionOrNullObject" || property === "getUsedRangeOrNullObject") {
          // The tests keep the selection inside the data, so both are the range itself.
          return () => rangeMock(row, column, rowCount, columnCount);
        }
        return Reflect.get(target, property, receiver);
      },
      set(target, property, value) {
        queuedWrites.push({ args: [row, column, rowCount, columnCount], property: String(property), value });
        entry.cells += rowCount * columnCount;
        return Reflect.set(target, property, value);
      },
    });
  };

  const [sr, sc, srows, scols] = options.selection;
  const data = {
    workbook: {
      getSelectedRanges() {
        const areas = new OfficeMockObject({
          address: `${sheetName}!selection`,
          areaCount: options.areaCount ?? 1,
          areas: { getItemAt: () => rangeMock(sr, sc, srows, scols) },
        });
        pending.push({ mock: areas, cells: 0 });
        return areas;
      },
      worksheets: {
        sheet: {
          name: sheetName,
          getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number) {
            calls.push([row, column, rowCount, columnCount]);
            return rangeMock(row, column, rowCount, columnCount);
          },
          getUsedRange: () => rangeMock(0, 0, grid.length, grid[0]?.length ?? 1),
        },
        getActiveWorksheet() {
          return this.sheet;
        },
        getItem() {
          return this.sheet;
        },
        items: [{ name: sheetName }],
        // office-addin-mock cannot load "items/name" from an array of items (it navigates properties), so
        // this load of the sheets' names, which writeResults sends with its first request, is a no-op.
        load() {
          return this;
        },
        add(name: string) {
          added.push(name);
          return this.sheet;
        },
      },
      settings: {
        add(key: string, value: unknown) {
          settings.set(key, value);
        },
        getItemOrNullObject(key: string) {
          // The mock cannot hold null values; "" stands in for a missing setting.
          const item = new OfficeMockObject({
            value: settings.get(key) ?? "",
            isNullObject: !settings.has(key),
          });
          pending.push({ mock: item, cells: 0 });
          // Office.js needs no load for isNullObject; the mock does.
          item.load("isNullObject");
          return item;
        },
      },
    },
    async sync(this: OfficeMockObject) {
      const batch = pending;
      const batchWrites = queuedWrites;
      pending = [];
      queuedWrites = [];
      const cells = batch.reduce((n, b) => n + b.cells, 0);
      if (options.maxCellsPerRequest !== undefined && cells > options.maxCellsPerRequest) {
        throw Object.assign(new Error("The request payload size has exceeded the limit."), {
          code: "RequestPayloadSizeLimitExceeded",
        });
      }
      writes.push(...batchWrites);
      await OfficeMockObject.prototype.sync.call(this);
      for (const b of batch) await b.mock.sync();
    },
  };
  const context = new OfficeMockObject(data) as unknown as Excel.RequestContext;
  return { context, calls, writes, added, settings };
}

function table(rows: number, cols: number): unknown[][] {
  const header = Array.from({ length: cols }, (_, c) => `F${c + 1}`);
  return [
    header,
    ...Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => r + c / 10)),
  ];
}

test("selection info", async () => {
  const { context } = mockWorkbook(table(3, 2), { selection: [0, 0, 4, 2], areaCount: 2 });
  expect(await readSelectionInfo(context)).toEqual({
    address: "Sheet1!selection",
    sheetName: "Sheet1",
    rowCount: 4,
    columnCount: 2,
    areaCount: 2,
  });
  await expect(readSelectedRange(context)).rejects.toMatchObject({ code: "MULTI_AREA" });
});

test("a range over one block is read in several blocks", async () => {
  const grid = table(24, 4);
  const { context, calls } = mockWorkbook(grid, { selection: [0, 0, 25, 4] });
  const raw = await readSelectedRange(context, { maxCellsPerBlock: 40, hiddenRows: false });
  expect(calls).toEqual([
    [0, 0, 10, 4],
    [10, 0, 10, 4],
    [20, 0, 5, 4],
  ]);
  expect(raw.values).toEqual(grid);
  expect(raw.valueTypes[1]).toEqual(["Double", "Double", "Double", "Double"]);
});

test("a payload error forces smaller blocks and the read succeeds", async () => {
  const grid = table(29, 3);
  // 10 rows × 3 columns × (values + types) = 60 cells, over the limit of 40.
  const { context, calls } = mockWorkbook(grid, { selection: [0, 0, 30, 3], maxCellsPerRequest: 40 });
  const raw = await readSelectedRange(context, { maxCellsPerBlock: 30, hiddenRows: false });
  expect(raw.values).toEqual(grid);
  expect(calls.slice(0, 3)).toEqual([
    [0, 0, 10, 3],
    [0, 0, 5, 3],
    [5, 0, 5, 3],
  ]);
  expect(calls.slice(1).every((c) => c[2] === 5)).toBe(true);
});

test("a non-empty label column is refused and nothing is written", async () => {
  const grid = table(4, 2);
  grid[2][2] = "keep me";
  const raw = rawFrom(grid.map((r) => r.slice(0, 2)));
  raw.address = "Sheet1!A1:B5";
  const prepared = prepareData(raw);
  const { context, writes, added } = mockWorkbook(grid, { selection: [0, 0, 5, 2] });
  const request = {
    prepared,
    fit: fitFor(prepared, [0, 1, 0, 1], 2),
    record: recordFor(prepared),
    overwrite: false,
  };
  await expect(writeResults(context, request)).rejects.toMatchObject({ code: "LABEL_COLUMN_NOT_EMPTY" });
  expect(writes).toEqual([]);
  expect(added).toEqual([]);
});

test("the run record round-trips through workbook settings", async () => {
  const { context, settings } = mockWorkbook(table(1, 1), { selection: [0, 0, 2, 1] });
  expect(await loadRunRecord(context)).toBeNull();
  const prepared = prepareData(rawFrom([["X"], [1], [2]]));
  const record = { ...recordFor(prepared), excludedColumns: [3], header: "yes" as const };
  await saveRunRecord(context, record);
  expect(typeof settings.get(RUN_RECORD_KEY)).toBe("string");
  expect(await loadRunRecord(context)).toEqual(record);
  settings.set(RUN_RECORD_KEY, "{not json");
  expect(await loadRunRecord(context)).toBeNull();
});
