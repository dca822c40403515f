import { FunctionError } from "../../src/functions/errors";
import { checkMagnitudes, parseData, parseNumbers } from "../../src/functions/parse";
import { centroids, labels } from "../../src/functions/functions";
import { excel, excelErrorOf, irisRows, useCountingRunner } from "./helpers";

function refusal(f: () => unknown): FunctionError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FunctionError);
    return e as FunctionError;
  }
  throw new Error("expected a FunctionError");
}

describe("positions in messages are the argument's cells", () => {
  // Row 2 of the argument is left out (a blank), so X's rows are not the argument's rows.
  const grid = [
    [1, 2],
    [3, null],
    [5, 6],
    [7, 3e200],
  ];

  test("with the range's address: the sheet's cell", () => {
    const parsed = parseData(grid, "data", { where: "Sheet1!B4:C7" });
    expect(parsed.where).toBe("Sheet1!B4:C7");
    const e = refusal(() => checkMagnitudes(parsed, "none"));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(
      "Cell C7 of Sheet1 holds 3E+200: with no scaling, values beyond about 3E+153 cannot be clustered (their " +
        'squared distances exceed the largest number Excel holds); give scaling "standard" or "minmax".',
    );
  });

  test("without it: counted from 1 within the argument", () => {
    const parsed = parseData(grid, "new_data");
    expect(refusal(() => checkMagnitudes(parsed, "none", "new_data")).message).toMatch(
      /^Row 4, column 2 of new_data holds 3E\+200: /,
    );
    expect(refusal(() => parseNumbers([[1, "x"]], "centroids")).message).toBe(
      'centroids must hold numbers only, one row per cluster; row 1, column 2 of centroids holds the text "x".',
    );
  });

  test("values all too small, and the scalings that take them", () => {
    const parsed = parseData(
      [
        [1e-200, 2e-200],
        [3e-200, 1e-201],
      ],
      "data",
      { where: "'My data'!A2:B3" },
    );
    expect(refusal(() => checkMagnitudes(parsed, "none")).message).toMatch(
      /^The largest value of data, 3E-200 in cell A3 of My data, is below 1E-150: with no scaling/,
    );
    expect(() => checkMagnitudes(parsed, "standard")).not.toThrow();
    expect(() => checkMagnitudes(parsed, "minmax")).not.toThrow();
    expect(() => checkMagnitudes(parseData([[1], [2]]), "none")).not.toThrow();
  });
});

describe("worksheet functions on extreme values", () => {
  useCountingRunner();
  const scaled = (unit: number) => irisRows().map((r) => r.map((v) => v * unit));

  test.each([1e200, 1e-200])("values of size %s cluster as the same data in ordinary units", async (unit) => {
    const expected = await excel(labels, irisRows(), 3);
    expect(await excel(labels, scaled(unit), 3)).toEqual(expected);
    expect(await excel(labels, scaled(unit), 3, "minmax")).toEqual(
      await excel(labels, irisRows(), 3, "minmax"),
    );
    const centres = (await excel(centroids, scaled(unit), 3)) as number[][];
    const reference = (await excel(centroids, irisRows(), 3)) as number[][];
    centres.forEach((row, c) => row.forEach((v, j) => expect(v / unit).toBeCloseTo(reference[c][j], 10)));
  });

  test("no scaling on values too large is refused without the engine's 0-based positions", async () => {
    const e = await excelErrorOf(excel(labels, scaled(1e200), 3, "none"));
    expect(e.message).toMatch(/no scaling/);
    expect(e.message).not.toMatch(/at row \d+, column \d+/);
    // Refused before the worker, naming the argument's first offending cell as the function's parse does.
    expect(e.message).toMatch(/^Row 1, column 1 of data holds 5\.1E\+200/);
  });
});
