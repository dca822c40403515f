/**
 * Splitting big ranges into row blocks. Excel on the web refuses a request or response over 5 MB and, on
 * every platform, a read of over 5 million cells ("Payload size limit best practices" in "Performance
 * optimization using the Excel JavaScript API", https://learn.microsoft.com/office/dev/add-ins/excel/performance),
 * and a refused batch fails as a whole, so large reads and writes go a block per sync. Each sync costs a
 * round trip, so blocks are as large as the cap allows: a visitor that measures what it moved lets the next
 * block be sized from the real bytes per row instead of a guess.
 */

/** Excel on the web's cap, read as 5,000,000 bytes: smaller than 5 MiB, so safe whichever is meant. */
export const PAYLOAD_CAP_BYTES = 5_000_000;
/** What a block aims at: 90 % of the cap, leaving room for the request's own JSON around the cells. */
export const REQUEST_BYTE_BUDGET = 4_500_000;
/**
 * A first guess at one cell in a request or response, before anything was measured: the size of a label
 * written (`[12],`) or a value type read (`"Double",`), the add-in's largest single-column transfers.
 * Wider cells (long numbers, text) are found out by measuring, or by Excel's refusal, which halves the block.
 */
export const BYTES_PER_CELL = 9;
export const DEFAULT_MAX_CELLS_PER_BLOCK = Math.floor(REQUEST_BYTE_BUDGET / BYTES_PER_CELL);
/**
 * What Office.js's Excel client adds to a write of more than 1,500 cells: it splits the array into row
 * chunks, each with its own object paths (`GetRow`, `GetBoundingRect`) and actions, inside the same
 * request. Measured with Microsoft's client (@microsoft/office-js 1.1.110, test/host): about 870 bytes per
 * 1,500 cells, 0.58 a cell, so a block of labels is sized at 0.6 more bytes a cell than its JSON.
 */
export const CLIENT_CHUNK_BYTES_PER_CELL = 0.6;
/** How far past the budget the last block may run: 4.5 MB × 1.05 is still under the cap. */
const LAST_BLOCK_SLACK = 1.05;
/** "A range is limited to five million cells for get operations" on every platform (same page). */
export const MAX_CELLS_PER_READ = 5_000_000;

export type RowBlock = { start: number; rows: number };

/** Rows per block for a range this wide; at least 1, since a row cannot be split here. */
export function blockRowsFor(columnCount: number, maxCellsPerBlock = DEFAULT_MAX_CELLS_PER_BLOCK): number {
  return Math.max(1, Math.floor(maxCellsPerBlock / Math.max(1, columnCount)));
}

/** Consecutive blocks covering rows 0..totalRows-1. */
export function rowBlocks(totalRows: number, columnCount: number, maxCellsPerBlock: number): RowBlock[] {
  const size = blockRowsFor(columnCount, maxCellsPerBlock);
  const out: RowBlock[] = [];
  for (let start = 0; start < totalRows; start += size) {
    out.push({ start, rows: Math.min(size, totalRows - start) });
  }
  return out;
}

const PAYLOAD_CODES = new Set(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]);

/** Whether Office refused a batch for its size (the codes differ between hosts; the message does not). */
export function isPayloadError(e: unknown): boolean {
  if (typeof e !== "object" || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === "string" && PAYLOAD_CODES.has(code)) return true;
  return typeof message === "string" && /payload size/i.test(message);
}

export type BlockLoopOptions = {
  /** At most this many cells a block, measured or not (tests use it to force small blocks). */
  maxCellsPerBlock?: number;
  /** The first block's guess at a cell's bytes, when no maxCellsPerBlock is given; BYTES_PER_CELL if absent. */
  bytesPerCell?: number;
  /** Told about each halving, for logging and tests. */
  onShrink?: (failed: RowBlock, nextRows: number, error: unknown) => void;
};

/**
 * Calls visit on consecutive row blocks until all totalRows are done. visit must queue its work and sync
 * it, so that a refused block leaves nothing queued; it may resolve to the bytes the block moved, and the
 * next block is then sized to fill REQUEST_BYTE_BUDGET at that many bytes a row (within maxCellsPerBlock,
 * or the 5-million-cell read limit). On a payload error the block is retried at half the rows (and no
 * later block is larger) down to one row; a single row that is still too big, and every other error, is
 * rethrown.
 */
export async function forEachRowBlock(
  totalRows: number,
  columnCount: number,
  visit: (block: RowBlock) => Promise<void | number>,
  options: BlockLoopOptions = {},
): Promise<void> {
  const width = Math.max(1, columnCount);
  let cap = blockRowsFor(width, options.maxCellsPerBlock ?? MAX_CELLS_PER_READ);
  let size =
    options.maxCellsPerBlock !== undefined
      ? cap
      : blockRowsFor(width, Math.floor(REQUEST_BYTE_BUDGET / (options.bytesPerCell ?? BYTES_PER_CELL)));
  let start = 0;
  while (start < totalRows) {
    const left = totalRows - start;
    // A remainder a little over one block goes whole (still under the cap) rather than as a tiny extra request.
    const block = { start, rows: left <= Math.min(cap, size * LAST_BLOCK_SLACK) ? left : size };
    let moved: void | number;
    try {
      moved = await visit(block);
    } catch (e) {
      if (!isPayloadError(e) || block.rows <= 1) throw e;
      size = Math.max(1, Math.floor(block.rows / 2));
      // A refusal outweighs any measurement: blocks stay at most this size from now on.
      cap = size;
      options.onShrink?.(block, size, e);
      continue;
    }
    start += block.rows;
    if (typeof moved === "number" && moved > 0) {
      size = Math.max(1, Math.min(cap, Math.floor((REQUEST_BYTE_BUDGET * block.rows) / moved)));
    }
  }
}

/** The UTF-8 length of a string, as it travels in a request or response. */
export function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    // Two bytes below U+0800; three above; a surrogate pair (two code units) is four.
    n += c < 0x800 ? 1 : 2;
    if (c >= 0xd800 && c <= 0xdbff) i++;
  }
  return n;
}
