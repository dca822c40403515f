/**
 * A person's own data into the test workbook, for the preview page: a parsed block (delimited.ts) pasted
 * at the selection, or a CSV file opened as a new sheet. Each selects what it wrote through
 * Workbook.select, the path a click takes, so the task pane hears a selection change as it would in Excel.
 * No DOM here (view.ts reads the clipboard and the file), so jest covers it (importText.test.ts).
 */
import { address, letters, localAddress, MAX_COLUMNS, MAX_ROWS, type Rect } from "./a1";
import { decodeText, MAX_TEXT_LENGTH, parseDelimited, type Block } from "./delimited";
import type { Sheet, Workbook } from "./workbook";

export type ImportResult = { ok: true; address: string; message: string } | { ok: false; message: string };

const shape = (block: Block) =>
  `${block.rows.toLocaleString("en-US")} ${block.rows === 1 ? "row" : "rows"} × ` +
  `${block.columns.toLocaleString("en-US")} ${block.columns === 1 ? "column" : "columns"}`;

/** Excel does not let a paste change a protected sheet (Sheet.protected, where the test workbook has it). */
const isProtected = (sheet: Sheet) => (sheet as { protected?: boolean }).protected === true;

/**
 * Writes the block with its top-left at (row, column): numbers and booleans as such, "" clearing the cell
 * (a paste replaces what was there), text as text. Text is put as a String cell directly rather than
 * through Workbook.writeCell, which would read it again as typed input (a leading "=" as a formula,
 * "10%" as a number): the block is typed already, by delimited.ts's rules. A cell's number format stays,
 * as it does when Excel pastes plain text.
 */
function writeBlock(wb: Workbook, sheet: Sheet, row: number, column: number, block: Block): void {
  block.values.forEach((line, r) =>
    line.forEach((v, c) => {
      wb.clearCell(sheet, row + r, column + c, "Contents");
      if (typeof v !== "string") wb.writeCell(sheet, row + r, column + c, v);
      else if (v !== "") {
        const fmt = sheet.get(row + r, column + c)?.fmt;
        sheet.put(row + r, column + c, fmt === undefined ? { v, t: "String" } : { v, t: "String", fmt });
      }
    }),
  );
}

/** Pastes at the top-left cell of the selection on the active sheet, and selects the pasted block. */
export function pasteBlock(wb: Workbook, block: Block): ImportResult {
  const sheet = wb.activeSheet;
  const first = wb.selection.sheetId === sheet.id ? wb.selection.areas[0] : undefined;
  const row = first?.row ?? 0;
  const column = first?.column ?? 0;
  const at = address(sheet.name, { row, column, rowCount: 1, columnCount: 1 });
  if (row + block.rows > MAX_ROWS || column + block.columns > MAX_COLUMNS) {
    return {
      ok: false,
      message:
        `Nothing was pasted: ${shape(block)} do not fit from ${at}; the sheet ends at row ` +
        `${MAX_ROWS.toLocaleString("en-US")} and column ${letters(MAX_COLUMNS - 1)}.`,
    };
  }
  if (isProtected(sheet)) {
    return { ok: false, message: `Nothing was pasted: the sheet "${sheet.name}" is protected.` };
  }
  writeBlock(wb, sheet, row, column, block);
  const rect: Rect = { row, column, rowCount: block.rows, columnCount: block.columns };
  wb.log("paste", address(sheet.name, rect), "user");
  wb.select(sheet.name, localAddress(rect));
  return { ok: true, address: wb.selectionAddress, message: `Pasted ${shape(block)} at ${at}.` };
}

/** Excel refuses "History" as a sheet name: it is reserved for the change history of shared workbooks. */
const RESERVED = /^history$/i;

/** Cuts to at most n UTF-16 units without splitting a surrogate pair, then drops spaces and quotes at the end. */
function cut(text: string, n: number): string {
  let out = text.slice(0, n);
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return out.replace(/[\s']+$/, "");
}

/**
 * A sheet name for a file: its name without the extension, made to follow Excel's rules for sheet names
 * (at most 31 characters, none of : \ / ? * [ ], no apostrophe at either end, not "History", unique
 * whatever the case) with each forbidden character as "_" and " (2)", " (3)"… added as Excel does for
 * copies of a sheet.
 */
export function sheetNameFor(fileName: string, taken: (name: string) => boolean): string {
  const stem = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const clean = stem
    // eslint-disable-next-line no-control-regex
    .replace(/[:\\/?*[\]\u0000-\u001f\u007f]/g, "_")
    .replace(/^[\s']+/, "");
  const base = cut(clean, 31) || "CSV";
  const free = (name: string) => !RESERVED.test(name) && !taken(name);
  if (free(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = cut(base, 31 - suffix.length) + suffix;
    if (free(name)) return name;
  }
}

/** Opens a file's block as a new sheet named after the file, from A1, and selects its used range. */
export function openAsSheet(wb: Workbook, fileName: string, block: Block): ImportResult {
  const name = sheetNameFor(fileName, (n) => wb.sheetByName(n) !== undefined);
  const sheet = wb.addSheet(name, "user");
  writeBlock(wb, sheet, 0, 0, block);
  const used = sheet.used(true);
  // parseDelimited refuses a block with no values, so the used range exists.
  const rect = used ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 };
  wb.select(sheet.name, localAddress(rect));
  return {
    ok: true,
    address: wb.selectionAddress,
    message: `Opened "${fileName}" as the sheet "${sheet.name}": ${shape(block)}.`,
  };
}

/** Pasted text → the workbook at the selection, or why not (and nothing changed). */
export function pasteText(wb: Workbook, text: string): ImportResult {
  const parsed = parseDelimited(text);
  if (!parsed.ok) return { ok: false, message: `Nothing was pasted: ${parsed.message}` };
  return pasteBlock(wb, parsed.block);
}

/** What openFile reads: a File, or anything with its name, size and bytes. */
export type FileLike = { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> };

/** A file → a new sheet, or why not (and nothing changed). The size is checked before anything is read. */
export async function openFile(wb: Workbook, file: FileLike): Promise<ImportResult> {
  const refused = (why: string): ImportResult => ({
    ok: false,
    message: `Nothing was opened from "${file.name}": ${why}`,
  });
  if (file.size > MAX_TEXT_LENGTH) return refused("it is too large to read as text in a browser.");
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    return refused(`it could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return refused(decoded.message);
  const parsed = parseDelimited(decoded.text);
  if (!parsed.ok) return refused(parsed.message);
  return openAsSheet(wb, file.name, parsed.block);
}
