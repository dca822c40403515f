import {
  blockRowsFor,
  DEFAULT_MAX_CELLS_PER_BLOCK,
  forEachRowBlock,
  isPayloadError,
  rowBlocks,
  type RowBlock,
} from "../../src/excel/blocks";

const payloadError = () => Object.assign(new Error("too big"), { code: "RequestPayloadSizeLimitExceeded" });

test("the default block is a 2 MB budget at 40 bytes a cell", () => {
  expect(DEFAULT_MAX_CELLS_PER_BLOCK).toBe(50_000);
  expect(blockRowsFor(4)).toBe(12_500);
  expect(blockRowsFor(16_384)).toBe(3);
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
