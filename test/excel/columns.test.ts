import * as fs from "fs";
import * as path from "path";
import { analyseColumns, KIND_ROWS, prepareData } from "../../src/excel/prepare";
import type { RawRange } from "../../src/excel/types";
import { createRandomState } from "../../src/engine";
import { rawFrom } from "./fixtures";

function fixtureRows(name: string): number[][] {
  const file = path.join(__dirname, "..", "fixtures", `${name}.json`);
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { X: number[][] }).X;
}

/** The pane's preview: src/taskpane/useSelection.ts reads this many rows (readSelectedRange with maxRows). */
const PREVIEW_ROWS = 20;

/** The first rows of a range, as the pane's preview reads them. */
function previewOf(raw: RawRange, rows = PREVIEW_ROWS): RawRange {
  return {
    ...raw,
    values: raw.values.slice(0, rows),
    valueTypes: raw.valueTypes.slice(0, rows),
    hiddenRows: undefined,
  };
}

describe("header detection", () => {
  test("years over measurements are the header, named by the years", () => {
    const rows = [
      [3.2, 4.75, 0.5],
      [2.9, 5.1, 0.75],
      [3.6, 4.2, 0.25],
      [3.1, 4.9, 0.6],
    ];
    const p = prepareData(rawFrom([[2019, 2020, 2021], ...rows]));
    expect(p.hasHeader).toBe(true);
    expect(p.headerReason).toBe("whole numbers such as years over measurements");
    expect(p.columns.map((c) => c.name)).toEqual(["2019", "2020", "2021"]);
    expect(Array.from(p.X.data)).toEqual(rows.flat());
  });

  test("years over a single row of measurements: an increasing run", () => {
    const a = analyseColumns(
      rawFrom([
        [2019, 2020, 2021],
        [3.2, 4.75, 0.5],
      ]),
    );
    expect(a).toMatchObject({
      hasHeader: true,
      headerReason: "increasing whole numbers such as years over other numbers",
    });
  });

  test("a run of whole numbers over whole numbers unlike it: years over revenues, 1 2 3 4 over scores", () => {
    const revenues = analyseColumns(
      rawFrom([
        ["Company", 2019, 2020, 2021, 2022],
        ["a", 12000, 15000, 11000, 18000],
        ["b", 9000, 9500, 14000, 16000],
        ["c", 30000, 28000, 31000, 35000],
      ]),
    );
    expect(revenues.hasHeader).toBe(true);
    expect(revenues.columns.map((c) => c.name)).toEqual(["Company", "2019", "2020", "2021", "2022"]);
    const scores = analyseColumns(
      rawFrom([
        [1, 2, 3, 4],
        [10, 40, 25, 33],
        [12, 38, 21, 35],
        [50, 11, 30, 17],
      ]),
    );
    expect(scores.headerReason).toBe("increasing whole numbers such as years over other numbers");
  });

  test("text over numbers, as before, and the reason says so", () => {
    const a = analyseColumns(
      rawFrom([
        ["Height", "Weight"],
        [1.5, 60],
        [1.7, 72],
      ]),
    );
    expect(a).toMatchObject({ hasHeader: true, headerReason: "text over numbers" });
  });

  test("a header chosen in the pane is reported as chosen", () => {
    const raw = rawFrom([
      [2019, 2020],
      [1, 2],
      [3, 4],
    ]);
    expect(analyseColumns(raw, "yes")).toMatchObject({ hasHeader: true, headerReason: "chosen" });
    expect(analyseColumns(raw, "no")).toMatchObject({ hasHeader: false, headerReason: "chosen" });
  });

  test("not taken: repeated whole numbers, a fractional value, numbers inside their columns' ranges", () => {
    const below = [
      [3.2, 4.75, 0.5],
      [2.9, 5.1, 0.75],
    ];
    for (const top of [
      [2019, 2019, 2021],
      [2019, 2020.5, 2021],
      [3, 5, 1],
    ]) {
      expect(analyseColumns(rawFrom([top, ...below]))).toMatchObject({
        hasHeader: false,
        headerReason: "none",
      });
    }
  });

  // Ordinary data whose first row is data: every row of each set, in turn, on top of the next rows.
  const sets: [string, number[][]][] = [
    ["iris", fixtureRows("iris")],
    ["three blobs", fixtureRows("three_blobs")],
    ["moons", fixtureRows("moons")],
    ["customers", fixtureRows("customers")],
    // Whole numbers only: spending score, age and purchase frequency.
    ["integer counts", fixtureRows("customers").map((r) => r.slice(1))],
    ["small integer counts", poissonCounts(300, 4, 3)],
  ];
  test.each(sets)("%s: no row taken for a header when it heads the data", (_name, rows) => {
    const misfires: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const block = [rows[i], ...rows.slice(i + 1), ...rows.slice(0, i)].slice(0, 60);
      if (analyseColumns(rawFrom(block)).hasHeader) misfires.push(i);
    }
    expect(misfires).toEqual([]);
  });
});

/** Counts with a small mean (many repeats and ties), seeded. */
function poissonCounts(n: number, d: number, mean: number): number[][] {
  const rs = createRandomState(7);
  const limit = Math.exp(-mean);
  return Array.from({ length: n }, () =>
    Array.from({ length: d }, () => {
      let k = 0;
      for (let p = rs.randomSample(); p > limit; p *= rs.randomSample()) k++;
      return k;
    }),
  );
}

describe("column kinds: the preview and the whole range agree", () => {
  test("the rows that decide are rows the preview reads", () => {
    expect(KIND_ROWS).toBeLessThanOrEqual(PREVIEW_ROWS);
  });

  const column = (top: unknown[], rest: unknown[]) => [...top, ...rest];

  test("30 text cells over 1,000 numbers: not numeric in both, and the full read says why", () => {
    const cells = column(
      Array.from({ length: 30 }, (_, i) => `pending ${i}`),
      Array.from({ length: 1000 }, (_, i) => i / 10),
    );
    const raw = rawFrom([["ID", "Score", "Price"], ...cells.map((v, i) => [i + 1, (i * 7) % 11, v])]);
    const preview = analyseColumns(previewOf(raw));
    const full = analyseColumns(raw);
    expect(full.columns).toEqual(preview.columns);
    expect(full.columns[2]).toEqual({ index: 2, name: "Price", numeric: false });
    expect(preview.columnNotes).toEqual([]);
    expect(full.columnNotes).toEqual([
      "Column Price (C) is not clustered: its rows 2–20 hold mostly text or other values that are not numbers, though 1,000 cells below hold numbers. Put numbers in its first rows (or select from the first row of numbers) to cluster it.",
    ]);
    // The run tells the pane too.
    expect(prepareData(raw).notices).toEqual(full.columnNotes);
  });

  test("30 numbers over 1,000 text cells: numeric in both, the text rows skipped by name", () => {
    const cells = column(
      Array.from({ length: 30 }, (_, i) => i / 10),
      Array.from({ length: 1000 }, (_, i) => `n/a ${i}`),
    );
    const raw = rawFrom([["X", "Y"], ...cells.map((v, i) => [i, v])], { firstRow: 4 });
    const full = prepareData(raw);
    expect(full.columns).toEqual(prepareData(previewOf(raw)).columns);
    expect(full.features).toEqual([0, 1]);
    expect(full.X.rows).toBe(30);
    expect(full.skipped.count).toBe(1000);
    expect(full.skipped.examples[0]).toBe("Sheet1!B36");
  });

  test("random mixes of numbers, text, blanks and errors: the same columns and header from 20 rows as from all", () => {
    const rs = createRandomState(11);
    const kinds = ["number", "text", "blank", "error", "whole"] as const;
    for (let trial = 0; trial < 200; trial++) {
      const d = 1 + rs.randint(5);
      const n = 21 + rs.randint(200);
      // Each column draws its cells from a mix of its own, changing after a random row.
      const mixes = Array.from({ length: d }, () => [rs.randomSample(), rs.randomSample(), rs.randint(n)]);
      const cell = (c: number, r: number) => {
        const [a, b, switchAt] = mixes[c];
        const u = rs.randomSample();
        const p = r < switchAt ? a : b;
        const kind = kinds[u < p ? 0 : u < p + (1 - p) / 2 ? 1 : 2 + rs.randint(3)];
        if (kind === "number") return Math.round(rs.randomSample() * 1000) / 100;
        if (kind === "whole") return 2000 + c;
        if (kind === "text") return `t${r}`;
        if (kind === "error") return "#N/A";
        return "";
      };
      const values = Array.from({ length: n }, (_, r) => Array.from({ length: d }, (_, c) => cell(c, r)));
      const raw = rawFrom(values);
      for (const header of ["auto", "yes", "no"] as const) {
        const full = analyseColumns(raw, header);
        const preview = analyseColumns(previewOf(raw), header);
        expect({ trial, header, ...full, columnNotes: [] }).toEqual({
          trial,
          header,
          ...preview,
          columnNotes: [],
        });
      }
    }
  });
});
