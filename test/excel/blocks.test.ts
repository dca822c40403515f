import {
  blockRowsFor,
  BYTES_PER_CELL,
  DEFAULT_MAX_CELLS_PER_BLOCK,
  forEachRowBlock,
  isPayloadError,
  MAX_CELLS_PER_READ,
  PAYLOAD_CAP_BYTES,
  REQUEST_BYTE_BUDGET,
  rowBlocks,
  utf8Bytes,
  type RowBlock,
} from "../../src/excel/blocks";

const payloadError = () => Object.assign(new Error("too big"), { code: "RequestPayloadSizeLimitExceeded" });

test("the default block aims at 90 % of a 5 MB request at 9 bytes a cell", () => {
  expect(REQUEST_BYTE_BUDGET).toBe(0.9 * PAYLOAD_CAP_BYTES);
  expect(PAYLOAD_CAP_BYTES).toBeLessThanOrEqual(5 * 1024 * 1024);
  expect(DEFAULT_MAX_CELLS_PER_BLOCK).toBe(Math.floor(REQUEST_BYTE_BUDGET / BYTES_PER_CELL));
  expect(blockRowsFor(4)).toBe(Math.floor(DEFAULT_MAX_CELLS_PER_BLOCK / 4));
  expect(blockRowsFor(16_384)).toBe(Math.floor(DEFAULT_MAX_CELLS_PER_BLOCK / 16_384));
});

test("a measured block sizes the next one to fill the budget, within the read limit", async () => {
  const seen: RowBlock[] = [];
  // 100 bytes a row: the first block is a guess (4 cells × 25 bytes = the truth here), the rest measured.
  await forEachRowBlock(
    200_000,
    4,
    async (b) => {
      seen.push(b);
      return b.rows * 100;
    },
    { bytesPerCell: 25 },
  );
  const budgetRows = REQUEST_BYTE_BUDGET / 100;
  expect(seen.map((b) => b.rows)).toEqual([
    budgetRows,
    budgetRows,
    budgetRows,
    budgetRows,
    200_000 - 4 * budgetRows,
  ]);
  // Tiny cells would make huge blocks, but a read never spans more than 5 million cells.
  const long: RowBlock[] = [];
  await forEachRowBlock(
    1_048_576,
    8,
    async (b) => {
      long.push(b);
      return b.rows;
    },
    { bytesPerCell: 25 },
  );
  expect(long.every((b) => b.rows * 8 <= MAX_CELLS_PER_READ)).toBe(true);
  expect(long[1].rows).toBe(MAX_CELLS_PER_READ / 8);
  expect(long.reduce((n, b) => n + b.rows, 0)).toBe(1_048_576);
});

test("a remainder a little over one block goes with it, not in a request of its own", async () => {
  const seen: RowBlock[] = [];
  await forEachRowBlock(1_000_001, 1, async (b) => void seen.push(b));
  expect(seen).toEqual([
    { start: 0, rows: DEFAULT_MAX_CELLS_PER_BLOCK },
    { start: DEFAULT_MAX_CELLS_PER_BLOCK, rows: 1_000_001 - DEFAULT_MAX_CELLS_PER_BLOCK },
  ]);
});

test("after a refusal no block grows past the halved size, whatever is measured", async () => {
  const tried: number[] = [];
  await forEachRowBlock(
    100,
    1,
    async (b) => {
      tried.push(b.rows);
      if (b.rows > 10) throw payloadError();
      return 1;
    },
    { maxCellsPerBlock: 20 },
  );
  expect(tried[0]).toBe(20);
  expect(tried.slice(1).every((r) => r === 10)).toBe(true);
});

test("utf8Bytes counts as UTF-8 does", () => {
  for (const text of ["abc", "Größe", "日本語", "😀x", '["a",1.5]']) {
    expect(utf8Bytes(text)).toBe(Buffer.byteLength(text, "utf8"));
  }
});

test("rowBlocks covers every row once, in order", () => {
  expect(rowBlocks(10, 3, 9)).toEqual([
    { start: 0, rows: 3 },
    { start: 3, rows: 3 },
    { start: 6, rows: 3 },
    { start: 9, rows: 1 },
  ]);
  expect(rowBlocks(5, 100, 10)).toHaveLength(5);
  expect(rowBlocks(0, 3, 9)).toEqual([]);
  expect(rowBlocks(7, 1, 100)).toEqual([{ start: 0, rows: 7 }]);
});

test("payload errors are recognised by code or by message", () => {
  expect(isPayloadError(payloadError())).toBe(true);
  expect(isPayloadError({ code: "ResponsePayloadSizeLimitExceeded" })).toBe(true);
  expect(isPayloadError(new Error("The request payload size has exceeded the limit."))).toBe(true);
  expect(isPayloadError(Object.assign(new Error("x"), { code: "InvalidArgument" }))).toBe(false);
  expect(isPayloadError("payload size")).toBe(false);
  expect(isPayloadError(null)).toBe(false);
});

test("forEachRowBlock visits the blocks rowBlocks gives", async () => {
  const seen: RowBlock[] = [];
  await forEachRowBlock(25, 4, async (b) => void seen.push(b), { maxCellsPerBlock: 40 });
  expect(seen).toEqual(rowBlocks(25, 4, 40));
});

test("a payload error halves the block and keeps the smaller size", async () => {
  const tried: RowBlock[] = [];
  const shrinks: number[] = [];
  await forEachRowBlock(
    20,
    1,
    async (b) => {
      tried.push(b);
      if (b.rows > 3) throw payloadError();
    },
    { maxCellsPerBlock: 16, onShrink: (_b, next) => shrinks.push(next) },
  );
  expect(shrinks).toEqual([8, 4, 2]);
  const done = tried.filter((b) => b.rows <= 3);
  expect(done.map((b) => b.start)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  expect(done.every((b) => b.rows === 2)).toBe(true);
});

test("a single row still too big is rethrown, as is any other error", async () => {
  await expect(
    forEachRowBlock(
      3,
      10,
      async () => {
        throw payloadError();
      },
      { maxCellsPerBlock: 100 },
    ),
  ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  let calls = 0;
  await expect(
    forEachRowBlock(10, 1, async () => {
      calls++;
      throw new Error("InvalidReference");
    }),
  ).rejects.toThrow("InvalidReference");
  expect(calls).toBe(1);
});
