/// <reference types="office-js" />
/**
 * What the label column holds, cell by cell, so the add-in overwrites only what the user saw and agreed to,
 * recognises its own labels from an earlier run, and can put the user's cells back when a later step fails.
 */
import type { LabelCell, LabelTarget, RunOutput } from "./types";
import { forEachRowBlock, type BlockLoopOptions } from "./blocks";
import { cellAddress } from "./address";
import { WorkbookError } from "./errors";
import { LABEL_HEADER, type LabelColumn } from "./labelColumn";

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
  const sheet = context.workbook.worksheets.getItem(target.sheetName);
  const used = sheet
    .getRangeByIndexes(target.row, target.column, target.rowCount, 1)
    .getUsedRangeOrNullObject(true);
  used.load("rowIndex, rowCount");
  await context.sync();
  const cells: LabelCell[] = [];
  if (used.isNullObject) return cells;
  await forEachRowBlock(
    used.rowCount,
    1,
    async ({ start, rows }) => {
      const block = sheet.getRangeByIndexes(used.rowIndex + start, target.column, rows, 1);
      block.load("formulas");
      await context.sync();
      const first = used.rowIndex + start - target.row;
      block.formulas.forEach(([formula], i) => {
        if (isFilled(formula)) {
          cells.push({ offset: first + i, formula: formula as LabelCell["formula"] });
        }
      });
    },
    options,
  );
  return cells;
}

/** A cell that holds something, as Range.formulas and values give it ("" for an empty cell). */
export function isFilled(v: unknown): boolean {
  return v !== "" && v !== null && v !== undefined;
}

/** The non-empty cells of a column of values as the add-in writes it (header, labels, "" for skipped rows). */
export function labelCellsOf(values: readonly (readonly unknown[])[]): LabelCell[] {
  const cells: LabelCell[] = [];
  values.forEach(([v], offset) => {
    if (isFilled(v)) cells.push({ offset, formula: v as LabelCell["formula"] });
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
  for (const { offset, formula } of cells) {
    const text = `${offset}:${JSON.stringify(formula)};`;
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
  const ours = previous !== null && previous.labelAddress === target.address;
  const ownOutput = cells.length > 0 && ours && previous.labelHash === fingerprintCells(cells);
  // Where the last run wrote this column and the user changed some of it, the cells that cannot be the
  // add-in's labels are what an overwrite would lose: shown first, and counted apart from the labels.
  const looksOwn = (c: LabelCell) =>
    ours &&
    (c.offset === 0 ? c.formula === LABEL_HEADER : Number.isInteger(c.formula) && Number(c.formula) >= 1);
  const theirs = cells.filter((c) => !looksOwn(c));
  const ownLabelCount = ownOutput ? cells.length : cells.length - theirs.length;
  const shown = [...theirs, ...cells.filter(looksOwn)].slice(0, SAMPLE_CELLS);
  return {
    address: target.address,
    empty: cells.length === 0,
    nonEmptyCount: cells.length,
    ownLabelCount,
    sample: shown.map((c) => ({
      address: cellAddress(target.sheetName, target.row + c.offset, target.column),
      value: String(c.formula),
    })),
    ownOutput,
    seen: cells,
  };
}

/**
 * The cells the labels may replace, checked at write time against what the user agreed to: a cell typed
 * into the column while the job ran, or changed since, was not seen, so nothing is written and the user
 * is asked again. The add-in's own labels from the run recorded in `previous` are replaced without asking.
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
    previous.labelAddress === target.address &&
    previous.labelHash === fingerprintCells(current)
  )
    return;
  // Callers that build a request by hand (tests, the bench) and set overwrite without a target agreed to it all.
  if (overwrite && !agreed) return;
  const allowed = new Map<number, string>();
  if (agreed && (overwrite || agreed.ownOutput)) {
    for (const c of agreed.seen ?? []) allowed.set(c.offset, JSON.stringify(c.formula));
  }
  const unseen = current.filter((c) => allowed.get(c.offset) !== JSON.stringify(c.formula));
  if (unseen.length === 0) return;
  const names = unseen
    .slice(0, SAMPLE_CELLS)
    .map((c) => cellAddress(target.sheetName, target.row + c.offset, target.column).replace(/^.*!/, ""));
  const more = unseen.length > SAMPLE_CELLS ? ` and ${unseen.length - SAMPLE_CELLS} more` : "";
  const cellsText = `${unseen.length === 1 ? "cell" : "cells"} ${names.join(", ")}${more}`;
  if (allowed.size === 0) {
    throw new WorkbookError(
      "LABEL_COLUMN_NOT_EMPTY",
      `The label column ${target.address} holds data in ${cellsText}: nothing was written. Agree to overwrite them, or make room to the right of the data.`,
    );
  }
  throw new WorkbookError(
    "LABEL_COLUMN_CHANGED",
    `While clustering, ${cellsText} of the label column ${target.address} changed after you agreed to overwrite it: nothing was written. Cluster again to review what would be overwritten.`,
  );
}

/**
 * Puts the column back as it was before the labels were written: the user's cells from their formulas
 * (constants and formulas alike), "" elsewhere. Values only, as the labels were: formats were never touched.
 */
export async function restoreLabelCells(
  context: Excel.RequestContext,
  target: LabelColumn,
  before: LabelCell[],
  options: BlockLoopOptions = {},
): Promise<void> {
  const column: (string | number | boolean)[][] = Array.from({ length: target.rowCount }, () => [""]);
  for (const c of before) column[c.offset][0] = c.formula;
  const sheet = context.workbook.worksheets.getItem(target.sheetName);
  await forEachRowBlock(
    target.rowCount,
    1,
    async ({ start, rows }) => {
      sheet.getRangeByIndexes(target.row + start, target.column, rows, 1).formulas = column.slice(
        start,
        start + rows,
      );
      await context.sync();
    },
    options,
  );
}
