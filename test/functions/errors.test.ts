import { EngineError } from "../../src/engine";
import { excelError, FunctionError, toExcelError } from "../../src/functions/errors";
import { centroids, elbow, inertia, labels, predict } from "../../src/functions/functions";
import { setRunner } from "../../src/worker/sharedRunner";
import { excel, excelErrorOf, irisRows, useCountingRunner } from "./helpers";

const runner = useCountingRunner();

describe("argument errors are Excel errors, with a message where Excel shows one", () => {
  test.each([
    [1, "k must be between 2 and the number of usable rows (150)."],
    [151, "k must be between 2 and the number of usable rows (150)."],
    [-3, "k must be between 2 and the number of usable rows (150)."],
    ["three", 'k must be a number, not the text "three".'],
  ])("k = %p is #VALUE!", async (k, message) => {
    expect(await excelErrorOf(excel(labels, irisRows(), k))).toEqual({ code: "#VALUE!", message });
  });

  test("the usable rows are counted after blank and text rows are left out", async () => {
    const rows = [
      ["x", "y"],
      [1, 2],
      ["", ""],
      [3, 4],
      [5, "n/a"],
    ];
    expect(await excelErrorOf(excel(labels, rows, 3))).toEqual({
      code: "#VALUE!",
      message: "k must be between 2 and the number of usable rows (2).",
    });
  });

  // #VALUE!, not #NUM!: Excel shows a function's message only with #VALUE! and #N/A.
  test.each([
    ["k = 2.5", [2.5, null, null, null], "k must be a whole number, not 2.5."],
    ["k = Infinity", [Infinity, null, null, null], "k must be a whole number, not infinity."],
    ["seed = -1", [3, null, -1, null], "seed must be a whole number from 0 to 4294967295, not -1."],
    ["seed = 1.5", [3, null, 1.5, null], "seed must be a whole number, not 1.5."],
    [
      "seed = 2^32",
      [3, null, 2 ** 32, null],
      "seed must be a whole number from 0 to 4294967295, not 4294967296.",
    ],
    ["n_init = 0", [3, null, null, 0], "n_init must be a whole number from 1 to 1000, not 0."],
    ["n_init = 1001", [3, null, null, 1001], "n_init must be a whole number from 1 to 1000, not 1001."],
  ])("%s is #VALUE! saying why", async (_, args, message) => {
    expect(await excelErrorOf(excel(inertia, irisRows(), ...args))).toEqual({ code: "#VALUE!", message });
  });

  test("an unknown scaling is #VALUE! naming the choices", async () => {
    expect(await excelErrorOf(excel(labels, irisRows(), 3, "zscore"))).toEqual({
      code: "#VALUE!",
      message: 'scaling must be "standard", "minmax" or "none".',
    });
  });

  test("with_size must be TRUE or FALSE", async () => {
    const e = await excelErrorOf(excel(centroids, irisRows(), 3, null, null, null, "yes"));
    expect(e).toEqual({ code: "#VALUE!", message: "with_size must be TRUE or FALSE." });
  });

  test("data with no usable row is #N/A: nothing can be computed", async () => {
    const e = await excelErrorOf(
      excel(
        labels,
        [
          ["a", 1],
          ["", 2],
          [true, 3],
        ],
        2,
      ),
    );
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/^No row of data has a number in every column/);
  });

  test("ELBOW checks its range", async () => {
    expect(await excelErrorOf(excel(elbow, irisRows(), 6, 4))).toEqual({
      code: "#VALUE!",
      message: "k_min (6) must not be greater than k_max (4).",
    });
    expect(await excelErrorOf(excel(elbow, irisRows(), 1, 4))).toEqual({
      code: "#VALUE!",
      message: "k_min must be between 2 and the number of usable rows (150).",
    });
  });

  test("PREDICT: centroids of the wrong width, with the size column, or with text", async () => {
    const rows = [[1, 2]];
    expect(await excelErrorOf(excel(predict, rows, [[0, 0, 0]], null, null))).toEqual({
      code: "#VALUE!",
      message:
        "new_data has 2 columns but centroids have 3. Leave out the size column CENTROIDS adds with with_size TRUE.",
    });
    expect(await excelErrorOf(excel(predict, rows, [[0, 0, 0, 0]], null, null))).toEqual({
      code: "#VALUE!",
      message: "new_data has 2 columns but centroids have 4.",
    });
    expect(
      await excelErrorOf(
        excel(
          predict,
          rows,
          [
            ["x", "y"],
            [0, 0],
          ],
          null,
          null,
        ),
      ),
    ).toEqual({
      code: "#VALUE!",
      message:
        'centroids must hold numbers only, one row per cluster; row 1, column 1 of centroids holds the text "x".',
    });
    expect(await excelErrorOf(excel(predict, rows, [[0, 0]], [[1, 2, 3]], null))).toEqual({
      code: "#VALUE!",
      message: "scaling_reference has 3 columns but centroids have 2; use the same columns.",
    });
    expect(await excelErrorOf(excel(predict, rows, [[0, 0]], null, "standard"))).toEqual({
      code: "#VALUE!",
      message: "scaling needs a scaling_reference: the data the centroids were fitted on.",
    });
  });

  test("no invalid argument reaches the worker", async () => {
    await excelErrorOf(excel(labels, irisRows(), 1));
    await excelErrorOf(excel(labels, irisRows(), 3, "zscore"));
    expect(runner.current.jobs).toHaveLength(0);
  });
});

describe("failures while computing", () => {
  afterEach(() => jest.restoreAllMocks());

  test("an engine error keeps its message and gets the matching code", () => {
    expect(toExcelError(new EngineError("TOO_FEW_SAMPLES", "n_samples=2 should be >= k=3"))).toEqual({
      code: "#VALUE!",
      message: "n_samples=2 should be >= k=3",
    });
    expect(toExcelError(new EngineError("BAD_OPTION", "tol=-1 should be a finite number >= 0"))).toEqual({
      code: "#VALUE!",
      message: "tol=-1 should be a finite number >= 0",
    });
    expect(toExcelError(new EngineError("EMPTY_INPUT", "X has shape 0x0"))).toMatchObject({ code: "#N/A" });
  });

  test("a JavaScript exception never reaches the cell: #N/A with a plain message, the details logged", async () => {
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    setRunner({
      run: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'data')")),
    });
    const e = await excelErrorOf(excel(labels, irisRows(), 3));
    expect(e).toEqual({
      code: "#N/A",
      message: "K-Means could not compute this result. Recalculate (Ctrl+Alt+F9) to try again.",
    });
    expect(log).toHaveBeenCalled();
  });

  test("a failed computation is not cached: the next recalculation tries again", async () => {
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    setRunner({ run: () => Promise.reject(new Error("The clustering worker failed: out of memory")) });
    await excelErrorOf(excel(labels, irisRows(), 3));
    setRunner(runner.current.runner);
    expect(await excel(labels, irisRows(), 3)).toHaveLength(150);
    expect(runner.current.jobs).toHaveLength(1);
  });
});

describe("the error value", () => {
  afterEach(() => {
    delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
  });

  test("is Excel's CustomFunctions.Error when the runtime provides it", async () => {
    class FakeExcelError {
      constructor(
        public code: string,
        public message?: string,
      ) {}
    }
    (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { Error: FakeExcelError };
    const e = await excelErrorOf(excel(labels, irisRows(), 1));
    expect(e).toBeInstanceOf(FakeExcelError);
    expect(e).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/^k must be between/) });
    const num = excelError("#NUM!", "dropped");
    expect(num).toBeInstanceOf(FakeExcelError);
    expect(num.message).toBeUndefined();
  });

  test("is a look-alike outside Excel, from a FunctionError's code and message", () => {
    expect(toExcelError(new FunctionError("#N/A", "nothing here"))).toEqual({
      code: "#N/A",
      message: "nothing here",
    });
  });
});
