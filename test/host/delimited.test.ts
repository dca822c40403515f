import { decodeText, detectDelimiter, parseDelimited, splitRecords, typeCell } from "./delimited";

const values = (text: string) => {
  const parsed = parseDelimited(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.block.values;
};

describe("splitting records (RFC 4180, and Excel's clipboard)", () => {
  test("tab-separated rows by LF or CRLF; one trailing line break is not a row", () => {
    expect(splitRecords("a\tb\nc\td\n", "\t")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(splitRecords("a\tb\r\nc\td\r\n", "\t")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(splitRecords("a\rb", "\t")).toEqual([["a"], ["b"]]);
    expect(splitRecords("a\tb", "\t")).toEqual([["a", "b"]]);
  });

  test("a second trailing line break is an empty row; a trailing delimiter an empty cell", () => {
    expect(splitRecords("a\n\n", ",")).toEqual([["a"], [""]]);
    expect(splitRecords("a,\nb,c", ",")).toEqual([
      ["a", ""],
      ["b", "c"],
    ]);
  });

  test("quoted fields hold delimiters, doubled quotes and line breaks", () => {
    expect(splitRecords('"x, y",2\n"say ""hi""",3\r\n"two\r\nlines",4\n', ",")).toEqual([
      ["x, y", "2"],
      ['say "hi"', "3"],
      ["two\r\nlines", "4"],
    ]);
    // Excel quotes a copied cell with a line break in it the same way.
    expect(splitRecords('"a\nb"\tc\r\n', "\t")).toEqual([["a\nb", "c"]]);
  });

  test("a quote inside an unquoted field is literal; an empty quoted field is empty", () => {
    expect(splitRecords('5" screen,""\n', ",")).toEqual([['5" screen', ""]]);
    expect(splitRecords('"",""', ",")).toEqual([["", ""]]);
  });

  test("leniently, text after a closing quote is kept and an unclosed quote runs to the end", () => {
    expect(splitRecords('"ab"c,d', ",")).toEqual([["abc", "d"]]);
    expect(splitRecords('x,"open\nstill', ",")).toEqual([["x", "open\nstill"]]);
  });

  test("stops once the block would pass the cell cap", () => {
    expect(splitRecords("1,2\n3,4\n", ",", 4)).toHaveLength(2);
    expect(splitRecords("1,2\n3,4\n5", ",", 4)).toBeNull();
    expect(splitRecords("1,2,3,4,5", ",", 4)).toBeNull();
  });
});

describe("the delimiter", () => {
  test("tab if the first line has one, else comma, else semicolon", () => {
    expect(detectDelimiter("a\tb,c\n1,2")).toBe("\t");
    expect(detectDelimiter("a,b;c\n")).toBe(",");
    expect(detectDelimiter("a;b\n1,5;2,5")).toBe(";");
    expect(detectDelimiter("single\ncolumn")).toBe(",");
  });

  test("only the first line counts, and not inside quotes", () => {
    expect(detectDelimiter("a,b\nc\td")).toBe(",");
    expect(detectDelimiter('"x\ty";z\n')).toBe(";");
    expect(values('"1,5";"2,5"\n3;4\n')).toEqual([
      ["1,5", "2,5"],
      [3, 4],
    ]);
  });
});

describe("typing cells as Excel types pasted text", () => {
  test("plain decimal numbers with '.', a sign and an exponent", () => {
    expect(["5.1", "-3", "+2", "1e5", "2.5E-3", ".5", "7.", " 42 ", "007"].map(typeCell)).toEqual([
      5.1, -3, 2, 1e5, 2.5e-3, 0.5, 7, 42, 7,
    ]);
  });

  test("no locale is guessed: decimal commas, thousands, percents, dates and currency stay text", () => {
    for (const text of ["1,5", "1,000", "10%", "1/2", "2024-01-05", "$5", "1e", "0x10", "Infinity", "1e999"])
      expect(typeCell(text)).toBe(text);
  });

  test("TRUE and FALSE in any case are booleans; empty is empty; the rest is text as it came", () => {
    expect(["TRUE", "false", "True"].map(typeCell)).toEqual([true, false, true]);
    expect(typeCell("")).toBe("");
    expect(typeCell("  setosa ")).toBe("  setosa ");
    expect(typeCell("#N/A")).toBe("#N/A");
  });

  test("a leading '=' stays text: pasted formulas are never run", () => {
    expect(typeCell("=1+1")).toBe("=1+1");
    expect(typeCell("=KMEANS.LABELS(A1:B9, 2)")).toBe("=KMEANS.LABELS(A1:B9, 2)");
  });

  test("a quoted number is still a number, as Excel opens a CSV", () => {
    expect(values('"5.5","x"')).toEqual([[5.5, "x"]]);
  });
});

describe("parsing a block", () => {
  test("a block copied from Excel: header, numbers, CRLF, one trailing line break", () => {
    const parsed = parseDelimited("x\ty\tname\r\n1.5\t-2\tTRUE\r\n3\t4e2\t=A1\r\n");
    expect(parsed).toEqual({
      ok: true,
      block: {
        values: [
          ["x", "y", "name"],
          [1.5, -2, true],
          [3, 400, "=A1"],
        ],
        rows: 3,
        columns: 3,
        delimiter: "\t",
      },
    });
  });

  test("ragged rows are padded with empty cells to the widest", () => {
    expect(values("a,b,c\n1\n2,3\n")).toEqual([
      ["a", "b", "c"],
      [1, "", ""],
      [2, 3, ""],
    ]);
  });

  test("a UTF-8 byte order mark is not part of the first cell", () => {
    expect(values("\uFEFFid,v\n1,2")).toEqual([
      ["id", "v"],
      [1, 2],
    ]);
  });

  test("empty text, or only empty cells, is refused", () => {
    expect(parseDelimited("")).toEqual({ ok: false, message: "the text is empty." });
    expect(parseDelimited("\r\n")).toEqual({ ok: false, message: "the text is empty." });
    expect(parseDelimited(",,\n,")).toEqual({ ok: false, message: "every cell in it is empty." });
  });

  test("many rows parse (no argument spread over the rows)", () => {
    expect(parseDelimited("x,y\n" + "1,2\n".repeat(200_000))).toMatchObject({
      ok: true,
      block: { rows: 200_001, columns: 2 },
    });
  });

  test("more cells than the cap is refused, saying the cap", () => {
    expect(parseDelimited("1,2,3\n4,5,6", 5)).toEqual({
      ok: false,
      message: "it is more than 5 cells, the most Excel reads in one range.",
    });
    // Padded to its widest row, this is 1,000 × 5,001 cells: over Excel's 5 million, though few are written.
    const wide = "1,".repeat(5_000) + "1\n" + "1\n".repeat(999);
    expect(parseDelimited(wide)).toMatchObject({
      ok: false,
      message: expect.stringContaining("more than 5,000,000 cells"),
    });
    expect(parseDelimited(wide.slice(0, -2))).toMatchObject({
      ok: true,
      block: { rows: 999, columns: 5_001 },
    });
  });
});

describe("decoding a file", () => {
  const bytes = (...b: number[]) => new Uint8Array(b);

  test("UTF-8, with or without a byte order mark", () => {
    expect(decodeText(new TextEncoder().encode("café,1"))).toEqual({ ok: true, text: "café,1" });
    // TextDecoder drops the mark itself.
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ ok: true, text: "a" });
  });

  test("UTF-16 with its byte order mark (Excel's Unicode Text)", () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x61, 0, 0x09, 0, 0x62, 0))).toEqual({ ok: true, text: "a\tb" });
    expect(decodeText(bytes(0xfe, 0xff, 0, 0x61))).toEqual({ ok: true, text: "a" });
  });

  test("not UTF-8: Windows-1252, as Excel's plain CSV is written in Western Windows", () => {
    expect(decodeText(bytes(0x63, 0x61, 0x66, 0xe9))).toEqual({ ok: true, text: "café" });
  });

  test("an image or a workbook is not text", () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d);
    expect(decodeText(png)).toEqual({ ok: false, message: "it is not text (CSV or tab-separated)." });
    expect(decodeText(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0))).toMatchObject({
      ok: false,
      message: expect.stringContaining("Excel workbook (.xlsx)"),
    });
  });
});
