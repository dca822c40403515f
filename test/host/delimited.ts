/**
 * Reading a person's own data for the preview page: a block copied from Excel (tab-separated) or a CSV,
 * split into rows of cells and typed the way Excel types pasted text. No DOM and no workbook here, so the
 * rules are tested in jest (delimited.test.ts); view.ts and importText.ts put the result into the workbook.
 */

/** A typed cell: "" is an empty cell. */
export type PastedValue = number | boolean | string;

export type Delimiter = "\t" | "," | ";";

/** A rectangular block: ragged rows are padded with empty cells to the widest row. */
export type Block = { values: PastedValue[][]; rows: number; columns: number; delimiter: Delimiter };

/** On failure, why, as the end of a sentence ("Nothing was pasted: " + message). */
export type ParseResult = { ok: true; block: Block } | { ok: false; message: string };

/**
 * "A range is limited to five million cells for get operations" (Excel JavaScript API performance,
 * https://learn.microsoft.com/office/dev/add-ins/excel/performance): the add-in could not read a larger
 * block in Excel either, so the preview refuses it rather than filling the tab's memory.
 */
export const MAX_CELLS = 5_000_000;

/**
 * The longest string V8 (Chromium) holds is 2^29 − 24 characters; a file with more bytes than that may
 * not decode into one string at all, so it is refused before it is read.
 */
export const MAX_TEXT_LENGTH = 2 ** 29 - 24;

const QUOTE = '"';

/**
 * Which character separates the cells: the first record (outside quotes) decides. Excel copies cells as
 * tab-separated text, so a tab wins; then a comma; a semicolon only where the first record has no comma
 * (the CSV that Excel writes in locales whose decimal separator is a comma).
 */
export function detectDelimiter(text: string): Delimiter {
  let quoted = false;
  let comma = false;
  let semicolon = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "\n" || ch === "\r") break;
    else if (ch === "\t") return "\t";
    else if (ch === ",") comma = true;
    else if (ch === ";") semicolon = true;
  }
  return comma || !semicolon ? "," : ";";
}

/**
 * Splits text into records of fields by RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): a field that
 * starts with a quote runs to the next lone quote, may hold delimiters and line breaks, and "" inside it
 * is one quote. Excel quotes the same way when it copies cells holding tabs, quotes or line breaks, so
 * one reader serves both. Records end at CRLF, LF or a lone CR (Excel for Mac's clipboard); one line
 * break at the very end is the last record's end, not an empty record. Lenient where RFC 4180 is silent,
 * as Excel is: text after a closing quote is kept, and an unclosed quote runs to the end.
 * Stops (returning null) once the block would exceed maxCells.
 */
export function splitRecords(text: string, delimiter: Delimiter, maxCells = MAX_CELLS): string[][] | null {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  // Whether the current field has begun (a quote opens a quoted field only as its first character).
  let started = false;
  let widest = 0;
  // The rectangle so far: with a record under way, one more row, as wide as its fields.
  const fits = (underWay: boolean) =>
    (records.length + (underWay ? 1 : 0)) * Math.max(widest, underWay ? record.length + 1 : 0) <= maxCells;
  const endField = () => {
    record.push(field);
    field = "";
    started = false;
  };
  const endRecord = () => {
    endField();
    widest = Math.max(widest, record.length);
    records.push(record);
    record = [];
  };
  const stop = delimiter === "\t" ? /[\t\r\n]/g : delimiter === "," ? /[,\r\n]/g : /[;\r\n]/g;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === QUOTE && !started) {
      started = true;
      i++;
      for (;;) {
        const close = text.indexOf(QUOTE, i);
        if (close < 0) {
          field += text.slice(i);
          i = text.length;
          break;
        }
        field += text.slice(i, close);
        i = close + 1;
        if (text[i] !== QUOTE) break;
        field += QUOTE;
        i++;
      }
    } else if (ch === delimiter) {
      endField();
      if (!fits(true)) return null;
      i++;
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      if (!fits(false)) return null;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      // The rest of an unquoted field, up to the next delimiter or line break, in one slice.
      stop.lastIndex = i;
      const end = stop.exec(text)?.index ?? text.length;
      field += text.slice(i, end);
      started = true;
      i = end;
    }
  }
  // The last record, unless the text ended with its line break.
  if (started || record.length > 0) {
    endRecord();
    if (!fits(false)) return null;
  }
  return records;
}

/**
 * Excel's reading of one pasted cell, kept to what does not depend on a locale: a plain decimal number
 * with "." (optional sign and exponent; spaces around it ignored, as Excel does) is a number, TRUE or
 * FALSE in any case a boolean, "" an empty cell, and anything else text as it came, so "1,5", "10%",
 * "1/2" and "#N/A" stay text instead of being guessed at. A leading "=" also stays text: Excel would
 * run it as a formula, and pasted or downloaded data with formulas in it is the well-known "CSV
 * injection" route (https://owasp.org/www-community/attacks/CSV_Injection); here it would also call the
 * add-in's own functions on whatever the text names, which is not what a person pasting data asks for.
 */
export function typeCell(text: string): PastedValue {
  if (text === "") return "";
  const trimmed = text.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    // Excel keeps a number it cannot hold (beyond ±1.8e308) as the text typed.
    if (Number.isFinite(n)) return n;
  }
  if (/^true$/i.test(trimmed)) return true;
  if (/^false$/i.test(trimmed)) return false;
  return text;
}

/** Pasted or opened text → a typed, rectangular block, or why not. */
export function parseDelimited(text: string, maxCells = MAX_CELLS): ParseResult {
  // Excel writes "CSV UTF-8" with a byte order mark; it is not part of the first cell.
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (body.replace(/[\r\n]/g, "") === "") return { ok: false, message: "the text is empty." };
  const delimiter = detectDelimiter(body);
  const records = splitRecords(body, delimiter, maxCells);
  if (!records) {
    return {
      ok: false,
      message: `it is more than ${maxCells.toLocaleString("en-US")} cells, the most Excel reads in one range.`,
    };
  }
  // Not Math.max(...lengths): a spread of a million rows overflows the stack.
  const columns = records.reduce((widest, r) => Math.max(widest, r.length), 0);
  const values = records.map((r) => {
    const row = r.map(typeCell);
    while (row.length < columns) row.push("");
    return row;
  });
  if (values.every((row) => row.every((v) => v === ""))) {
    return { ok: false, message: "every cell in it is empty." };
  }
  return { ok: true, block: { values, rows: values.length, columns, delimiter } };
}

/** On failure, why, as the end of a sentence, as for ParseResult. */
export type DecodeResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * A file's bytes → its text. A byte order mark says the encoding (Excel's "Unicode Text" is UTF-16LE
 * with one); otherwise UTF-8, and where that fails, Windows-1252, since Excel's plain "CSV (Comma
 * delimited)" is written in the system's ANSI code page, 1252 in Western Windows. NUL characters mean
 * it is not text at all (a workbook, an image).
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return {
      ok: false,
      message: "it is not text but looks like an Excel workbook (.xlsx); save it as CSV and open that.",
    };
  }
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be").decode(bytes);
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder("windows-1252").decode(bytes);
    }
  }
  if (text.includes("\0")) return { ok: false, message: "it is not text (CSV or tab-separated)." };
  return { ok: true, text };
}
