/**
 * Splitting big ranges into row blocks. Excel on the web refuses a request or response over 5 MB and a read
 * over 5 million cells, and a refused batch fails as a whole, so large reads and writes go a block per sync.
 */

/** Budget per request, well under the 5 MB cap: JSON overhead and long strings make cells vary in size. */
export const REQUEST_BYTE_BUDGET = 2_000_000;
/** A rough size of one cell in a request or response, counting its value and its value type. */
export const BYTES_PER_CELL = 40;
export const DEFAULT_MAX_CELLS_PER_BLOCK = Math.floor(REQUEST_BYTE_BUDGET / BYTES_PER_CELL);

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
  maxCellsPerBlock?: number;
  /** Told about each halving, for logging and tests. */
  onShrink?: (failed: RowBlock, nextRows: number, error: unknown) => void;
};

/**
 * Calls visit on consecutive row blocks until all totalRows are done. visit must queue its work and sync
 * it, so that a refused block leaves nothing queued. On a payload error the block is retried at half the
 * rows (the smaller size is kept for the rest: the cells are bigger than the estimate) down to one row;
 * a single row that is still too big, and every other error, is rethrown.
 */
export async function forEachRowBlock(
  totalRows: number,
  columnCount: number,
  visit: (block: RowBlock) => Promise<void>,
  options: BlockLoopOptions = {},
): Promise<void> {
  let size = blockRowsFor(columnCount, options.maxCellsPerBlock);
  let start = 0;
  while (start < totalRows) {
    const block = { start, rows: Math.min(size, totalRows - start) };
    try {
      await visit(block);
    } catch (e) {
      if (!isPayloadError(e) || block.rows <= 1) throw e;
      size = Math.max(1, Math.floor(block.rows / 2));
      options.onShrink?.(block, size, e);
      continue;
    }
    start += block.rows;
  }
}
