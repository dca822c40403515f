/// <reference types="office-js" />
/**
 * What the label column holds, cell by cell, so the add-in overwrites only what the user saw and agreed to,
 * recognises its own labels from an earlier run, and can put the user's cells back when a later step fails.
 */
import type { LabelCell, LabelTarget, RunOutput } from "./types";
import { forEachRowBlock, type BlockLoopOptions } from "./blocks";
import { cellAddress } from "./address";
import { WorkbookError } from "./errors";
import { MAX_COLUMNS } from "./address";
import { DIAGNOSTIC_HEADERS, LABEL_HEADER, labelWidth, widenedTo, type LabelColumn } from "./labelColumn";

/** How many of the cells an overwrite would replace the dialog shows. */
export const SAMPLE_CELLS = 5;

/**
 * The column's non-empty cells, as Range.formulas gives them: a constant's value, or a formula's text. A
 * formula showing "" is still the user's cell; its formula text says so where its value would not. Only
 * the used part of the column is read, in blocks: usually that is nothing, and one request answers.
 */
export async function readLabelCells(
  context: Excel.RequestContext,
  target: LabelColumn,
  options: BlockLoopOptions = {},
): Promise<LabelCell[]> {
  return (await readLabelBlock(context, target, options)).cells;
}

/**
 * The same over the label block (the Cluster column and any diagnostics columns). With `widthAfter`, the
 * block may grow after the first request (to clear the diagnostics an earlier run wrote here, which the run
 * record read in that request says): the used part of the widest block rides along, so it costs no request.
 */
export async function readLabelBlock(
  context: Excel.RequestContext,
  target: LabelColumn,
  options: BlockLoopOptions = {},
  widthAfter?: (target: LabelColumn) => number,
): Promise<{ target: LabelColumn; cells: LabelCell[] }> {
  const sheet = context.workbook.worksheets.getItem(target.sheetName);
  const usedOf = (width: number) => {
    const u = sheet
      .getRangeByIndexes(target.row, target.column, target.rowCount, width)
      .getUsedRangeOrNullObject(true);
    u.load("rowIndex, rowCount");
    return u;
  };
  let used = usedOf(target.columnCount);
  const widest = Math.min(labelWidth(true), MAX_COLUMNS - target.column);
  const wide = widthAfter && widest > target.columnCount ? usedOf(widest) : null;
  await context.sync();
  let block = target;
  if (wide) {
    const width = Math.min(widthAfter!(target), widest);
    if (width > target.columnCount) {
      block = widenedTo(target, width);
      used = wide;
    }
  }
  const cells: LabelCell[] = [];
  if (used.isNullObject) return { target: block, cells };
  await forEachRowBlock(
    used.rowCount,
    block.columnCount,
    async ({ start, rows }) => {
      const range = sheet.getRangeByIndexes(used.rowIndex + start, block.column, rows, block.columnCount);
      range.load("formulas");
      await context.sync();
      const first = used.rowIndex + start - block.row;
      range.formulas.forEach((row, i) => {
        row.forEach((formula, column) => {
          if (isFilled(formula)) cells.push(cellAt(first + i, column, formula as LabelCell["formula"]));
        });
      });
    },
    options,
  );
  // Row by row, as the fingerprint reads them.
  return { target: block, cells };
}

function cellAt(offset: number, column: number, formula: LabelCell["formula"]): LabelCell {
  return column === 0 ? { offset, formula } : { offset, column, formula };
}

/** A cell that holds something, as Range.formulas and values give it ("" for an empty cell). */
export function isFilled(v: unknown): boolean {
  return v !== "" && v !== null && v !== undefined;
}

/** The non-empty cells of a block of values as the add-in writes it (header, labels, "" for skipped rows). */
export function labelCellsOf(values: readonly (readonly unknown[])[]): LabelCell[] {
  const cells: LabelCell[] = [];
  values.forEach((row, offset) => {
    row.forEach((v, column) => {
      if (isFilled(v)) cells.push(cellAt(offset, column, v as LabelCell["formula"]));
    });
  });
  return cells;
}

/**
 * A fingerprint of cells: two independent 32-bit hashes (FNV-1a and a multiply-rotate mix) over each cell's
 * offset and JSON. Equal fingerprints mean the column holds what the add-in wrote, so a wrong match needs
 * both hashes to collide at once.
 */
export function fingerprintCells(cells: readonly LabelCell[]): string {
  let fnv = 0x811c9dc5;
  let mix = 0x9747b28c;
  for (const { offset, column, formula } of cells) {
    // The Cluster column's cells hash as they always have, so an older record's fingerprint still matches.
    const text = column
      ? `${offset},${column}:${JSON.stringify(formula)};`
      : `${offset}:${JSON.stringify(formula)};`;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      fnv = Math.imul(fnv ^ c, 0x01000193);
      mix = Math.imul(mix ^ c, 0x5bd1e995);
      mix ^= mix >>> 15;
    }
  }
  return `${cells.length}:${hex(fnv)}${hex(mix)}`;
}

function hex(h: number): string {
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** The label column as the pane shows it before asking: counts, a sample, and whether it is the add-in's. */
export function describeLabelTarget(
  target: LabelColumn,
  cells: LabelCell[],
  previous: RunOutput | null,
): LabelTarget {
  const ours = previous !== null && previous.labelAddress === target.labelAddress;
  const ownOutput = cells.length > 0 && ours && previous.labelHash === fingerprintCells(cells);
  const written = previous?.labelColumns ?? 1;
  // Where the last run wrote this block and the user changed some of it, the cells that cannot be the
  // add-in's labels or diagnostics are what an overwrite would lose: shown first, and counted apart.
  const looksOwn = (c: LabelCell) => {
    const j = c.column ?? 0;
    if (!ours || j >= written) return false;
    if (j === 0)
      return c.offset === 0
        ? c.formula === LABEL_HEADER
        : Number.isInteger(c.formula) && Number(c.formula) >= 1;
    if (c.offset === 0 && c.formula === DIAGNOSTIC_HEADERS[j - 1]) return true;
    return j === DIAGNOSTIC_HEADERS.length ? typeof c.formula === "boolean" : typeof c.formula === "number";
  };
  const theirs = cells.filter((c) => !looksOwn(c));
  const ownLabelCount = ownOutput ? cells.length : cells.length - theirs.length;
  const shown = [...theirs, ...cells.filter(looksOwn)].slice(0, SAMPLE_CELLS);
  return {
    address: target.address,
    ...(target.columnCount > 1 ? { columnCount: target.columnCount } : {}),
    empty: cells.length === 0,
    nonEmptyCount: cells.length,
    ownLabelCount,
    sample: shown.map((c) => ({ address: addressOf(target, c), value: String(c.formula) })),
    ownOutput,
    seen: cells,
  };
}

/** A cell of the block as "Data!F7". */
function addressOf(target: LabelColumn, c: LabelCell): string {
  return cellAddress(target.sheetName, target.row + c.offset, target.column + (c.column ?? 0));
}

const keyOf = (c: LabelCell) => `${c.offset},${c.column ?? 0}`;

/** "the label column Data!C1:C9", or with the diagnostics "the label and diagnostics columns Data!C1:H9". */
function blockName(target: LabelColumn): string {
  return target.columnCount > 1
    ? `label and diagnostics columns ${target.address}`
    : `label column ${target.address}`;
}

/**
 * The cells the labels may replace, checked at write time against what the user agreed to: a cell typed
 * into the column while the job ran, or changed since, was not seen, so nothing is written and the user
 * is asked again. The add-in's own labels from the run recorded in `previous` are replaced without asking.
 * The same holds for every cell of the diagnostics columns when they are written.
 */
export function checkConsent(
  target: LabelColumn,
  current: LabelCell[],
  consent: { overwrite: boolean; agreed?: LabelTarget; previous: RunOutput | null },
): void {
  if (current.length === 0) return;
  const { previous, agreed, overwrite } = consent;
  if (
    previous &&
    previous.labelAddress === target.labelAddress &&
    previous.labelHash === fingerprintCells(current)
  )
    return;
  // Callers that build a request by hand (tests, the bench) and set overwrite without a target agreed to it all.
  if (overwrite && !agreed) return;
  const allowed = new Map<string, string>();
  if (agreed && (overwrite || agreed.ownOutput)) {
    for (const c of agreed.seen ?? []) allowed.set(keyOf(c), JSON.stringify(c.formula));
  }
  const unseen = current.filter((c) => allowed.get(keyOf(c)) !== JSON.stringify(c.formula));
  if (unseen.length === 0) return;
  const names = unseen.slice(0, SAMPLE_CELLS).map((c) => addressOf(target, c).replace(/^.*!/, ""));
  const more = unseen.length > SAMPLE_CELLS ? ` and ${unseen.length - SAMPLE_CELLS} more` : "";
  const cellsText = `${unseen.length === 1 ? "cell" : "cells"} ${names.join(", ")}${more}`;
  const name = blockName(target);
  if (allowed.size === 0) {
    throw new WorkbookError(
      "LABEL_COLUMN_NOT_EMPTY",
      `The ${name} ${target.columnCount > 1 ? "hold" : "holds"} data in ${cellsText}: nothing was written. Agree to overwrite them, or make room to the right of the data.`,
    );
  }
  throw new WorkbookError(
    "LABEL_COLUMN_CHANGED",
    `While clustering, ${cellsText} of the ${name} changed after you agreed to overwrite ${target.columnCount > 1 ? "them" : "it"}: nothing was written. Cluster again to review what would be overwritten.`,
  );
}

/**
 * Puts the block back as it was before the labels were written: the user's cells from their formulas
 * (constants and formulas alike), "" elsewhere. Values only, as the labels were: formats were never touched.
 */
export async function restoreLabelCells(
  context: Excel.RequestContext,
  target: LabelColumn,
  before: LabelCell[],
  options: BlockLoopOptions = {},
): Promise<void> {
  const width = target.columnCount;
  const block: (string | number | boolean)[][] = Array.from({ length: target.rowCount }, () =>
    Array.from({ length: width }, () => ""),
  );
  for (const c of before) block[c.offset][c.column ?? 0] = c.formula;
  const sheet = context.workbook.worksheets.getItem(target.sheetName);
  await forEachRowBlock(
    target.rowCount,
    width,
    async ({ start, rows }) => {
      sheet.getRangeByIndexes(target.row + start, target.column, rows, width).formulas = block.slice(
        start,
        start + rows,
      );
      await context.sync();
    },
    options,
  );
}
