import { MAX_TEXT_LENGTH } from "./delimited";
import { openFile, pasteText, sheetNameFor, type FileLike } from "./importText";
import { fakeExcel } from "./testHost";
import { Workbook } from "./workbook";

const file = (name: string, content: string | Uint8Array): FileLike => {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
};

/** Resolves with the next selection event, as Office delivers it (after the current task). */
const nextSelectionEvent = (wb: Workbook) =>
  new Promise<string>((resolve) => {
    const listener = (e: { sheetId: string }) => {
      wb.removeSelectionListener(listener);
      resolve(e.sheetId);
    };
    wb.addSelectionListener(listener);
  });

describe("pasting at the selection", () => {
  test("writes the typed block at the selected cell, selects it, and Excel's client reads it there", async () => {
    const { workbook: wb, run } = fakeExcel();
    wb.select("Sheet1", "B2");
    const event = nextSelectionEvent(wb);
    const result = pasteText(wb, "x\ty\tnote\r\n1.5\t-2\t=SUM(A1)\r\n3\tTRUE\t1,5\r\n");
    expect(result).toEqual({
      ok: true,
      address: "Sheet1!B2:D4",
      message: "Pasted 3 rows × 3 columns at Sheet1!B2.",
    });
    expect(await event).toBe(wb.sheet("Sheet1").id);
    const read = await run(async (context) => {
      const range = context.workbook.getSelectedRange().load("address, values, valueTypes, formulas");
      await context.sync();
      return {
        address: range.address,
        values: range.values,
        types: range.valueTypes,
        formulas: range.formulas,
      };
    });
    expect(read.address).toBe("Sheet1!B2:D4");
    expect(read.values).toEqual([
      ["x", "y", "note"],
      [1.5, -2, "=SUM(A1)"],
      [3, true, "1,5"],
    ]);
    expect(read.types).toEqual([
      ["String", "String", "String"],
      ["Double", "Double", "String"],
      ["Double", "Boolean", "String"],
    ]);
    // The "=" text was not entered as a formula.
    expect(read.formulas[1][2]).toBe("=SUM(A1)");
    expect(wb.sheet("Sheet1").get(2, 3)?.f).toBeUndefined();
    expect(wb.functionCalls).toEqual([]);
  });

  test("replaces what was there (empty cells clear it), keeps number formats, and extends the sheet", () => {
    const wb = new Workbook();
    wb.setValues("Sheet1", "A1", [
      ["old", "old"],
      ["old", "old"],
    ]);
    wb.writeFormat(wb.sheet("Sheet1"), 1, 0, "0.00");
    wb.select("Sheet1", "A1");
    expect(pasteText(wb, "a,\n2,b,c\n")).toMatchObject({ ok: true, address: "Sheet1!A1:C2" });
    expect(wb.valuesOf(wb.sheet("Sheet1"), { row: 0, column: 0, rowCount: 2, columnCount: 3 })).toEqual([
      ["a", "", ""],
      [2, "b", "c"],
    ]);
    expect(wb.sheet("Sheet1").get(1, 0)).toEqual({ v: 2, t: "Double", fmt: "0.00" });
  });

  test("pastes at the top-left of the first area of a larger selection", () => {
    const wb = new Workbook();
    wb.select("Sheet1", "C3:E9,G1");
    expect(pasteText(wb, "1\t2")).toMatchObject({ ok: true, address: "Sheet1!C3:D3" });
  });

  test("refuses, changing nothing, an empty paste, a block past the grid's edge, or a protected sheet", () => {
    const wb = new Workbook();
    wb.setValues("Sheet1", "A1", [[1]]);
    const before = wb.digest();
    wb.select("Sheet1", "A1");
    expect(pasteText(wb, "")).toEqual({ ok: false, message: "Nothing was pasted: the text is empty." });
    expect(pasteText(wb, "\t\r\n\t\r\n")).toEqual({
      ok: false,
      message: "Nothing was pasted: every cell in it is empty.",
    });
    wb.select("Sheet1", "XFD5");
    expect(pasteText(wb, "1,2")).toEqual({
      ok: false,
      message:
        "Nothing was pasted: 1 row × 2 columns do not fit from Sheet1!XFD5; the sheet ends at row 1,048,576 and column XFD.",
    });
    wb.select("Sheet1", "A1");
    Object.assign(wb.sheet("Sheet1"), { protected: true });
    expect(pasteText(wb, "2")).toEqual({
      ok: false,
      message: 'Nothing was pasted: the sheet "Sheet1" is protected.',
    });
    expect(wb.digest()).toBe(before);
    expect(wb.selectionAddress).toBe("Sheet1!A1");
  });
});

describe("a sheet name for a file, by Excel's rules", () => {
  const none = () => false;

  test("the file's name without its extension or folder", () => {
    expect(sheetNameFor("iris.csv", none)).toBe("iris");
    expect(sheetNameFor("my data.v2.csv", none)).toBe("my data.v2");
    expect(sheetNameFor("C:\\fakepath\\sales.csv", none)).toBe("sales");
  });

  test("forbidden characters become _, apostrophes at the ends go, and an empty name is CSV", () => {
    expect(sheetNameFor("a:b?c*d[e]f.csv", none)).toBe("a_b_c_d_e_f");
    expect(sheetNameFor("'quoted'.csv", none)).toBe("quoted");
    expect(sheetNameFor(".csv", none)).toBe("CSV");
  });

  test("at most 31 characters, not cutting a surrogate pair", () => {
    expect(sheetNameFor(`${"x".repeat(40)}.csv`, none)).toBe("x".repeat(31));
    expect(sheetNameFor(`${"x".repeat(30)}😀.csv`, none)).toBe("x".repeat(30));
  });

  test("unique whatever the case, with (2), (3)… within 31 characters, and never History", () => {
    const taken = new Set(["iris", "iris (2)", "x".repeat(27) + " (2)"]);
    const isTaken = (n: string) => taken.has(n.toLowerCase());
    expect(sheetNameFor("IRIS.csv", isTaken)).toBe("IRIS (3)");
    expect(sheetNameFor(`${"x".repeat(31)}.csv`, (n) => n === "x".repeat(31) || isTaken(n))).toBe(
      "x".repeat(27) + " (3)",
    );
    expect(sheetNameFor("history.csv", none)).toBe("history (2)");
  });
});

describe("opening a CSV file", () => {
  test("a new, active sheet named after the file, with its used range selected", async () => {
    const wb = new Workbook({ sheets: ["data"] });
    const event = nextSelectionEvent(wb);
    const result = await openFile(wb, file("Data.csv", '\uFEFF,,\n,name,"size, cm"\n,"a ""b""",2.5\n'));
    expect(result).toEqual({
      ok: true,
      address: "'Data (2)'!B2:C3",
      message: 'Opened "Data.csv" as the sheet "Data (2)": 3 rows × 3 columns.',
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(["data", "Data (2)"]);
    expect(wb.activeSheet.name).toBe("Data (2)");
    expect(await event).toBe(wb.sheet("Data (2)").id);
    expect(wb.valuesOf(wb.sheet("Data (2)"), { row: 1, column: 1, rowCount: 2, columnCount: 2 })).toEqual([
      ["name", "size, cm"],
      ['a "b"', 2.5],
    ]);
  });

  test("refuses, changing nothing, a file that is not text, is empty, or is too large", async () => {
    const wb = new Workbook();
    const before = wb.digest();
    expect(await openFile(wb, file("photo.csv", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])))).toEqual({
      ok: false,
      message: 'Nothing was opened from "photo.csv": it is not text (CSV or tab-separated).',
    });
    expect(await openFile(wb, file("empty.csv", ""))).toEqual({
      ok: false,
      message: 'Nothing was opened from "empty.csv": the text is empty.',
    });
    const huge: FileLike = {
      name: "huge.csv",
      size: MAX_TEXT_LENGTH + 1,
      arrayBuffer: () => Promise.reject(new Error("a file this size is never read")),
    };
    expect(await openFile(wb, huge)).toEqual({
      ok: false,
      message: 'Nothing was opened from "huge.csv": it is too large to read as text in a browser.',
    });
    expect(wb.digest()).toBe(before);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});
