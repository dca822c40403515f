import { prepareData, skippedReasons } from "../../src/excel/prepare";
import { describeRows, strayValueNotice } from "../../src/excel/rows";
import { dataError, rawFrom } from "./fixtures";

test("rows are named as Excel numbers them, in runs", () => {
  expect(describeRows([5], "Data")).toBe("row 5 of Data");
  expect(describeRows([5, 6, 7, 8, 9], "Data")).toBe("rows 5–9 of Data");
  expect(describeRows([5, 6, 7, 8, 9, 12], "My Data")).toBe("rows 5–9 and 12 of My Data");
  expect(describeRows([2, 3, 5, 7, 8, 9, 11, 20, 21], "S")).toBe("rows 2–3, 5, 7–9 and 3 more rows of S");
});

describe("hidden rows are reported as hidden", () => {
  // Rows 2–10 of Data; rows 5–9 hidden.
  const hiddenRows = [false, false, false, false, true, true, true, true, true, false];

  test("a hidden row with a blank counts as hidden only", () => {
    const p = prepareData(
      rawFrom(
        [
          ["X", "Y"],
          [1, 2],
          [3, 4],
          [5, ""],
          ["", 6],
          [7, 8],
          [9, ""],
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        { sheetName: "Data", hiddenRows },
      ),
      { visibleOnly: true },
    );
    expect(p.hiddenSkipped).toBe(5);
    expect(p.hiddenRows).toBe("rows 5–9 of Data");
    // Only the visible row 4 is a blank; the hidden rows' blanks (rows 5 and 7) are not named.
    expect(p.skipped).toEqual({ count: 6, examples: ["Data!B4"] });
    expect(skippedReasons(p)).toBe(
      "5 hidden or filtered out: rows 5–9 of Data; 1 with a blank, text, TRUE/FALSE or error in a feature column (e.g. Data!B4)",
    );
  });

  test("when every row with numbers is hidden, the message says so, naming the rows", () => {
    const e = dataError(() =>
      prepareData(
        rawFrom(
          [
            ["X", "Y"],
            [1, ""],
            ["a", 2],
            [3, ""],
            [1, 1],
            [2, 2],
            [3, ""],
            [4, 4],
            [5, 5],
            ["", 6],
          ],
          { sheetName: "Data", hiddenRows },
        ),
        { visibleOnly: true },
      ),
    );
    expect(e.code).toBe("NO_USABLE_ROWS");
    expect(e.message).toBe(
      "Every row with a number in each feature column is hidden: rows 5–9 of Data are hidden; show them or clear " +
        "the filter to cluster them. The visible rows have a blank, text, TRUE/FALSE or error in a feature column: " +
        "Data!B2, Data!A3, Data!B4, Data!A10.",
    );
  });

  test("bad visible rows and bad hidden rows: the visible cells are named, the hidden rows counted apart", () => {
    const e = dataError(() =>
      prepareData(
        rawFrom(
          [
            ["X", "Y"],
            [1, ""],
            ["", 2],
            [3, ""],
          ],
          { hiddenRows: [false, false, true, false] },
        ),
        { visibleOnly: true },
      ),
    );
    expect(e.message).toBe(
      "No row has a number in every feature column: Sheet1!B2, Sheet1!B4 hold blanks, text, TRUE/FALSE or errors. " +
        "The hidden row 3 of Sheet1 is left out too.",
    );
  });
});

describe("a stray value far below the data", () => {
  /** A1:D151 (a header and 150 rows) and, `gap` rows below, a stray 7 in column B. */
  function withStray(strayRow: number) {
    const rows: unknown[][] = [["a", "b", "c", "d"]];
    for (let i = 0; i < 150; i++) rows.push([i, i % 7, i / 3, 1 + (i % 5)]);
    while (rows.length < strayRow - 1) rows.push(["", "", "", ""]);
    rows.push(["", 7, "", ""]);
    return rawFrom(rows, { sheetName: "Data" });
  }

  test("is named with the blank rows, and the run goes ahead on the rows with data", () => {
    const p = prepareData(withStray(90000));
    expect(p.notices).toEqual([
      "Rows 152–89999 of Data are blank; B90000 holds 7 far below the data: clear it or select A1:D151.",
    ]);
    expect(p.X.rows).toBe(150);
    expect(p.skipped.count).toBe(90000 - 1 - 150);
  });

  test("a short gap, or one no longer than the data, is not a stray value", () => {
    expect(strayValueNotice(withStray(1000))).toBeNull();
    const rows: unknown[][] = [];
    for (let i = 0; i < 2000; i++) rows.push([i, i]);
    for (let i = 0; i < 1500; i++) rows.push(["", ""]);
    for (let i = 0; i < 10; i++) rows.push([i, i]);
    expect(strayValueNotice(rawFrom(rows))).toBeNull();
  });

  test("several stray cells above the data are counted", () => {
    const rows: unknown[][] = [["x", true, "#N/A"]];
    for (let i = 0; i < 1500; i++) rows.push(["", "", ""]);
    rows.push(["p", "q", "r"]);
    for (let i = 0; i < 100; i++) rows.push([i, i * 2, i * 3]);
    expect(strayValueNotice(rawFrom(rows, { firstRow: 9, firstColumn: 1 }))).toBe(
      'Rows 11–1510 of Sheet1 are blank; B10 holds "x", C10 holds TRUE and 1 more cell holds a value far above the ' +
        "data: clear them or select B1511:D1611.",
    );
  });
});
