import {
  analyseColumns,
  cellAddress,
  checkMagnitudes,
  checkRowsForK,
  columnLetter,
  DataError,
  prepareData,
  quoteSheetName,
  rangeAddress,
  splitAddress,
} from "../../src/excel/prepare";
import { dataError, rawFrom } from "./fixtures";

describe("header detection", () => {
  const table = [
    ["Name", "Height", "Weight"],
    ["a", 1, 2],
    ["b", 3, 4],
    ["c", 5, 6],
  ];

  test("auto: text over numbers is a header", () => {
    const p = prepareData(rawFrom(table));
    expect(p.hasHeader).toBe(true);
    expect(p.columns).toEqual([
      { index: 0, name: "Name", numeric: false },
      { index: 1, name: "Height", numeric: true },
      { index: 2, name: "Weight", numeric: true },
    ]);
    expect(p.features).toEqual([1, 2]);
    expect(Array.from(p.X.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(p.rows)).toEqual([0, 1, 2]);
    expect(p.dataRowCount).toBe(3);
    expect(p.skipped).toEqual({ count: 0, examples: [] });
  });

  test("auto: a first row of numbers is data, and columns are named by sheet letter", () => {
    const p = prepareData(
      rawFrom(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        { firstColumn: 2 },
      ),
    );
    expect(p.hasHeader).toBe(false);
    expect(p.columns.map((c) => c.name)).toEqual(["Column C", "Column D"]);
    expect(p.X.rows).toBe(3);
  });

  test("auto: text over a text column is not a header", () => {
    const { hasHeader } = analyseColumns(
      rawFrom([
        ["a", "b"],
        ["x", "y"],
        ["z", "w"],
      ]),
    );
    expect(hasHeader).toBe(false);
  });

  test('"no" makes the header row data (and skips it as text)', () => {
    const p = prepareData(rawFrom(table), { header: "no" });
    expect(p.hasHeader).toBe(false);
    expect(p.dataRowCount).toBe(4);
    expect(p.X.rows).toBe(3);
    expect(p.skipped).toEqual({ count: 1, examples: ["Sheet1!B1", "Sheet1!C1"] });
    expect(Array.from(p.rows)).toEqual([1, 2, 3]);
  });

  test('"yes" takes a numeric first row as names', () => {
    const p = prepareData(
      rawFrom([
        [2019, 2020],
        [1, 2],
        [3, 4],
      ]),
      { header: "yes" },
    );
    expect(p.hasHeader).toBe(true);
    expect(p.columns.map((c) => c.name)).toEqual(["2019", "2020"]);
    expect(p.X.rows).toBe(2);
  });

  test("names are trimmed; blank header cells get the sheet column name", () => {
    const p = prepareData(
      rawFrom(
        [
          ["  Height ", "", "W"],
          [1, 2, 3],
          [4, 5, 6],
        ],
        { firstColumn: 1 },
      ),
    );
    expect(p.columns.map((c) => c.name)).toEqual(["Height", "Column C", "W"]);
  });

  test("numeric means more than half of the non-blank cells: blanks skip their row, they do not make a column text", () => {
    const p = prepareData(
      rawFrom([
        ["A", "B", "C"],
        [1, 1, "a"],
        [2, "", 1],
        [3, "x", "b"],
        [4, 5, ""],
      ]),
    );
    // B: 1, x, 5 (2 of 3 filled cells are numbers); C: a, 1, b (1 of 3).
    expect(p.columns.map((c) => c.numeric)).toEqual([true, true, false]);
    expect(p.features).toEqual([0, 1]);
    expect(p.skipped).toEqual({ count: 2, examples: ["Sheet1!B3", "Sheet1!B4"] });
  });
});

describe("excluded columns", () => {
  const table = [
    ["ID", "Height", "Weight"],
    [1, 1.5, 60],
    [2, 1.7, 70],
    [3, 1.8, 80],
  ];

  test("are left out of the features", () => {
    const p = prepareData(rawFrom(table), { excludedColumns: [0] });
    expect(p.features).toEqual([1, 2]);
    expect(p.X.cols).toBe(2);
    expect(Array.from(p.X.data.subarray(0, 2))).toEqual([1.5, 60]);
  });

  test("excluding every numeric column is refused, naming them", () => {
    const e = dataError(() => prepareData(rawFrom(table), { excludedColumns: [0, 1, 2] }));
    expect(e.code).toBe("ALL_COLUMNS_EXCLUDED");
    expect(e.message).toBe("All numeric columns are excluded: include at least one of ID, Height, Weight.");
  });
});

describe("skipped rows", () => {
  test("blank, text (even numeric-looking), boolean and error cells skip the row, with addresses", () => {
    const p = prepareData(
      rawFrom(
        [
          ["Name", "X", "Y"],
          ["a", 1, 2],
          ["b", "", 2],
          ["c", 3, "12"],
          ["d", true, 4],
          ["e", 5, "#DIV/0!"],
          ["f", 6, 7],
        ],
        { firstRow: 4, firstColumn: 1 },
      ),
    );
    expect(p.X.rows).toBe(2);
    expect(Array.from(p.rows)).toEqual([0, 5]);
    expect(p.skipped.count).toBe(4);
    expect(p.skipped.examples).toEqual(["Sheet1!C7", "Sheet1!D8", "Sheet1!C9", "Sheet1!D10"]);
  });

  test("only the first 5 offending cells are named", () => {
    const rows = Array.from({ length: 20 }, (_, i) => [i, i < 7 ? "" : i]);
    const p = prepareData(rawFrom([["A", "B"], ...rows]));
    expect(p.features).toEqual([0, 1]);
    expect(p.skipped.count).toBe(7);
    expect(p.skipped.examples).toEqual(["Sheet1!B2", "Sheet1!B3", "Sheet1!B4", "Sheet1!B5", "Sheet1!B6"]);
  });

  test("Integer value types count as numbers; non-finite numbers do not", () => {
    const raw = rawFrom([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    raw.valueTypes[0] = ["Integer", "Integer"];
    raw.values[1][0] = Number.NaN;
    const p = prepareData(raw);
    expect(p.X.rows).toBe(2);
    expect(p.skipped.examples).toEqual(["Sheet1!A2"]);
  });

  test("visibleOnly skips hidden rows and counts them apart", () => {
    const hiddenRows = [false, false, true, false, true];
    const table = [
      ["X", "Y"],
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ];
    const p = prepareData(rawFrom(table, { hiddenRows }), { visibleOnly: true });
    expect(Array.from(p.rows)).toEqual([0, 2]);
    expect(p.hiddenSkipped).toBe(2);
    expect(p.skipped.count).toBe(2);
    expect(p.skipped.examples).toEqual([]);
    const all = prepareData(rawFrom(table, { hiddenRows }));
    expect(all.X.rows).toBe(4);
    expect(all.hiddenSkipped).toBe(0);
  });

  test("addresses quote sheet names the way Excel does", () => {
    const p = prepareData(rawFrom([["X"], [1], ["a"], [2]], { sheetName: "My Sheet" }));
    expect(p.skipped.examples).toEqual(["'My Sheet'!A3"]);
  });
});

describe("refusals", () => {
  test("a single cell", () => {
    const e = dataError(() => prepareData(rawFrom([[5]])));
    expect(e.code).toBe("SINGLE_CELL");
    expect(e.message).toBe("Select the data to cluster: a single cell is not a data range.");
    expect(e).toBeInstanceOf(DataError);
  });

  test("no usable rows when every row is hidden", () => {
    const e = dataError(() =>
      prepareData(
        rawFrom(
          [
            ["X", "Y"],
            [1, 2],
            [3, 4],
          ],
          { hiddenRows: [false, true, true] },
        ),
        { visibleOnly: true },
      ),
    );
    expect(e.code).toBe("NO_USABLE_ROWS");
    expect(e.message).toBe(
      "Every row is hidden or filtered out: rows 2–3 of Sheet1 are hidden; show them or clear the filter to cluster them.",
    );
  });

  test("no numeric column", () => {
    const e = dataError(() =>
      prepareData(
        rawFrom([
          ["a", "b"],
          ["c", "d"],
        ]),
      ),
    );
    expect(e.code).toBe("NO_NUMERIC_COLUMN");
  });

  test("an empty range", () => {
    expect(dataError(() => prepareData(rawFrom([]))).code).toBe("EMPTY_RANGE");
  });

  test("ragged values and types", () => {
    const raw = rawFrom([
      [1, 2],
      [3, 4],
    ]);
    raw.valueTypes.pop();
    expect(dataError(() => prepareData(raw)).code).toBe("BAD_SHAPE");
  });
});

test("no usable rows: the message lists offending cells", () => {
  // Each column is 3/4 numbers (so numeric), yet every row has one bad cell.
  const raw = rawFrom([
    ["A", "B", "C", "D"],
    ["", 1, 1, 1],
    [1, "x", 1, 1],
    [1, 1, true, 1],
    [1, 1, 1, "#N/A"],
  ]);
  const e = dataError(() => prepareData(raw));
  expect(e.code).toBe("NO_USABLE_ROWS");
  expect(e.message).toBe(
    "No row has a number in every feature column: Sheet1!A2, Sheet1!B3, Sheet1!C4, Sheet1!D5 hold blanks, text, TRUE/FALSE or errors.",
  );
});

test("checkRowsForK", () => {
  const p = prepareData(rawFrom([["X"], [1], [2], [3]]));
  expect(checkRowsForK(p, 5)).toBe("k=5 needs at least 5 usable rows; the selection has 3.");
  expect(checkRowsForK(p, 3)).toBeNull();
});

describe("addresses", () => {
  test("columnLetter", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetter)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
      "XFD",
    ]);
    expect(() => columnLetter(-1)).toThrow(RangeError);
  });

  test("sheet names are quoted when Excel would quote them", () => {
    expect(quoteSheetName("Sheet1")).toBe("Sheet1");
    expect(quoteSheetName("Data_2024.v2")).toBe("Data_2024.v2");
    expect(quoteSheetName("Données")).toBe("Données");
    expect(quoteSheetName("My Sheet")).toBe("'My Sheet'");
    expect(quoteSheetName("O'Brien")).toBe("'O''Brien'");
    expect(quoteSheetName("2019")).toBe("'2019'");
    expect(quoteSheetName("Sales-2019")).toBe("'Sales-2019'");
    expect(quoteSheetName("A1")).toBe("'A1'");
    expect(quoteSheetName("R1C1")).toBe("'R1C1'");
    expect(quoteSheetName("R")).toBe("'R'");
  });

  test("cellAddress and rangeAddress", () => {
    expect(cellAddress("Sheet1", 6, 1)).toBe("Sheet1!B7");
    expect(cellAddress("My Sheet", 0, 0)).toBe("'My Sheet'!A1");
    expect(rangeAddress("Sheet1", 0, 4, 151, 1)).toBe("Sheet1!E1:E151");
    expect(rangeAddress("Sheet1", 2, 2, 1, 1)).toBe("Sheet1!C3");
  });

  test("splitAddress undoes the quoting", () => {
    expect(splitAddress("'O''Brien'!A1:B2")).toEqual({ sheetName: "O'Brien", local: "A1:B2" });
    expect(splitAddress("Sheet1!C3")).toEqual({ sheetName: "Sheet1", local: "C3" });
    expect(splitAddress("C3")).toEqual({ sheetName: null, local: "C3" });
  });
});

test("a selection of blank cells says it has no values", () => {
  const raw = rawFrom([
    ["", ""],
    ["", " "],
  ]);
  raw.address = "Sheet1!F6:G7";
  const e = dataError(() => prepareData(raw));
  expect(e.code).toBe("NO_VALUES");
  expect(e.message).toBe("The selection Sheet1!F6:G7 has no values: select the data to cluster.");
});

describe("checkMagnitudes: values no distance in original units can hold", () => {
  const table = (cell: number, at: [number, number]) => {
    const rows: unknown[][] = [
      ["ID", "X", "Y"],
      ["a", 1, 2],
      ["b", 3, 4],
      ["c", 5, 6],
      ["d", 7, 8],
    ];
    rows[at[0]][at[1]] = cell;
    return prepareData(rawFrom(rows, { sheetName: "Data", firstRow: 2, firstColumn: 1 }));
  };

  test("with no scaling, the first huge value is named by its cell", () => {
    const p = table(3e200, [3, 2]);
    expect(checkMagnitudes(p, "none")).toBe(
      "Cell D6 of Data holds 3E+200: with no scaling, values beyond about 2E+153 cannot be clustered (their " +
        "squared distances exceed the largest number Excel holds); choose Standard or Min-max scaling.",
    );
    // The limit is the largest value whose squared distances, summed over the rows, stay finite.
    const limit = Math.sqrt(Number.MAX_VALUE / (4 * p.X.rows * p.X.cols));
    expect(Number.isFinite(p.X.rows * p.X.cols * (2 * limit) ** 2)).toBe(true);
    expect(checkMagnitudes(p, "standard")).toBeNull();
    expect(checkMagnitudes(p, "minmax")).toBeNull();
  });

  test("several are named, first ones first", () => {
    const p = table(-1e300, [1, 1]);
    p.X.data[3] = 2e299;
    expect(checkMagnitudes(p, "none")).toMatch(
      /^Cells C4 and D5 of Data hold -1E\+300 and 2E\+299: with no scaling/,
    );
  });

  test("data all too small: the largest value is named", () => {
    const p = prepareData(
      rawFrom(
        [
          [1e-200, 2e-200],
          [3e-201, -4e-200],
          [0, 1e-210],
        ],
        { sheetName: "My Data" },
      ),
    );
    expect(checkMagnitudes(p, "none")).toBe(
      "The largest value of the data, -4E-200 in cell B2 of My Data, is below 1E-150: with no scaling, values " +
        "this small cannot be clustered (their squared distances fall below the smallest number Excel holds); " +
        "choose Standard or Min-max scaling.",
    );
  });

  test("ordinary data passes, zeros included", () => {
    expect(checkMagnitudes(table(0, [1, 1]), "none")).toBeNull();
    expect(checkMagnitudes(table(1e150, [1, 1]), "none")).toBeNull();
  });
});

test("no numeric column: the message says which rows decide, and names a column of numbers further down", () => {
  const rows: unknown[][] = [["Note", "Price"]];
  for (let i = 0; i < 19; i++) rows.push([`n${i}`, "tbc"]);
  for (let i = 0; i < 30; i++) rows.push(["", i + 0.5]);
  const raw = rawFrom(rows, { sheetName: "Data" });
  raw.address = "Data!A1:B50";
  const e = dataError(() => prepareData(raw));
  expect(e.code).toBe("NO_NUMERIC_COLUMN");
  expect(e.message).toBe(
    // Text over text is no header, so row 1 counts as data.
    "No column of Data!A1:B50 holds mostly numbers in its rows 1–20, which decide what each column holds, so " +
      "there is nothing to cluster. Column B is not clustered: its rows 1–20 hold mostly text or other values " +
      "that are not numbers, though 30 cells below hold numbers. Put numbers in its first rows (or select from " +
      "the first row of numbers) to cluster it.",
  );
});
