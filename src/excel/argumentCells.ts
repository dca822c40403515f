/// <reference types="office-js" />
/**
 * What a worksheet function cannot see in its own arguments: which cells of a range argument are blank.
 * Excel passes a blank cell of an `any` matrix argument as 0 on Windows and Mac (office-js #4702, #5262)
 * and, by one report, on the web too (office-js #1951; #4702 saw null there), so a 0 alone does not say
 * whether the user typed it. The shared runtime can read the range (Microsoft Learn, "Call Excel
 * JavaScript APIs from a custom function": read-only calls only), and its valueTypes tell. The function
 * learns the range's address from `invocation.parameterAddresses` (CustomFunctionsRuntime 1.3).
 */
import { splitAddress } from "./address";
import { forEachRowBlock } from "./blocks";
import { isSetSupported } from "./support";

/** parameterAddresses needs CustomFunctionsRuntime 1.3 (Microsoft Learn, CustomFunctions.Invocation). */
export const PARAMETER_ADDRESSES = { name: "CustomFunctionsRuntime", version: "1.3" } as const;

/** Whether the host can give a function its arguments' addresses (and so their cells' types). */
export function parameterAddressesSupported(): boolean {
  return isSetSupported(PARAMETER_ADDRESSES.name, PARAMETER_ADDRESSES.version);
}

/** Whether Excel's JavaScript API is here to ask (not in Node tests or a plain page). */
export function canReadWorkbook(): boolean {
  return typeof Excel !== "undefined" && typeof Excel.run === "function";
}

/** "Sheet1!A2:D151", "'My data'!A:D" or "A1": an address a range can be got by. */
export function isRangeAddress(text: unknown): text is string {
  if (typeof text !== "string" || text === "") return false;
  const { local } = splitAddress(text);
  return /^\$?[A-Za-z]{0,3}\$?\d*(:\$?[A-Za-z]{0,3}\$?\d*)?$/.test(local) && /[A-Za-z\d]/.test(local);
}

export type ArgumentCells = {
  /** Rows of the argument up to its last row with a value; rows below it are blank. */
  usedRows: number;
  /** For rows [firstRow, firstRow + empty.length): which of their cells are blank ("Empty"). */
  firstRow: number;
  empty: boolean[][];
};

/**
 * The used rows of the range at `address` and, for rows firstRow..lastRow (those holding a 0; none when
 * lastRow < firstRow, or when the used part is over maxCells and will be refused anyway), which cells
 * are blank. One request for the used range, then valueTypes alone in row blocks: the values already came
 * with the call.
 */
export async function readArgumentCells(
  address: string,
  columnCount: number,
  rows: { first: number; last: number },
  maxCells: number,
): Promise<ArgumentCells> {
  const { sheetName, local } = splitAddress(address);
  return Excel.run(async (context) => {
    const sheet =
      sheetName === null
        ? context.workbook.worksheets.getActiveWorksheet()
        : context.workbook.worksheets.getItem(sheetName);
    const range = sheet.getRange(local);
    range.load("rowIndex, columnIndex");
    const used = range.getUsedRangeOrNullObject(true);
    used.load("rowIndex, rowCount");
    await context.sync();
    const usedRows = used.isNullObject ? 0 : used.rowIndex + used.rowCount - range.rowIndex;
    const last = Math.min(rows.last, usedRows - 1);
    const empty: boolean[][] = [];
    if (last < rows.first || usedRows * columnCount > maxCells)
      return { usedRows, firstRow: rows.first, empty };
    await forEachRowBlock(last - rows.first + 1, columnCount, async ({ start, rows: count }) => {
      const block = sheet.getRangeByIndexes(
        range.rowIndex + rows.first + start,
        range.columnIndex,
        count,
        columnCount,
      );
      block.load("valueTypes");
      await context.sync();
      for (const line of block.valueTypes) empty.push(line.map((t) => t === Excel.RangeValueType.empty));
    });
    return { usedRows, firstRow: rows.first, empty };
  });
}
