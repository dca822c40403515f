import { useEffect, useRef } from "react";
import { columnIndex, splitAddress } from "../excel/address";
import { DIAGNOSTIC_HEADERS, LABEL_HEADER } from "../excel/labelColumn";
import type { ColumnInfo, RunRecord, SelectionInfo } from "../excel/types";
import type { PaneOptions } from "./options";

/** Excel's last row; a whole-column reference ("A:D") spans every row. */
const MAX_ROWS = 1048576;

type Span = { sheetName: string | null; column: number; columnCount: number; row: number; rowCount: number };

/** "Data!B2:E151", "Data!E1" or "Data!A:D" as 0-based columns and rows; null for anything else. */
function spanOf(address: string): Span | null {
  const { sheetName, local } = splitAddress(address);
  const m = /^\$?([A-Za-z]{1,3})\$?(\d*)(?::\$?([A-Za-z]{1,3})\$?(\d*))?$/.exec(local);
  if (!m) return null;
  const [, c1, r1, c2 = c1, r2 = r1] = m;
  // "A1:D" and "A:D5" are not references.
  if ((r1 === "") !== (r2 === "")) return null;
  const first = columnIndex(c1);
  const last = columnIndex(c2);
  const top = r1 === "" ? 0 : Number(r1) - 1;
  const bottom = r2 === "" ? MAX_ROWS - 1 : Number(r2) - 1;
  if (last < first || bottom < top) return null;
  return { sheetName, column: first, columnCount: last - first + 1, row: top, rowCount: bottom - top + 1 };
}

/**
 * The positions within the selection of the columns the last run wrote (its label column, and the
 * per-row diagnostics right of it when it wrote them), when the selection takes them in: those cells are
 * the add-in's output, not data, so they start unticked. Only the run record says which columns those
 * are (a "Cluster" header alone could be the user's own column), and under a header row the label column
 * must still be headed "Cluster" (and each diagnostics column by its own header): one headed otherwise
 * has been reused since.
 */
export function ownLabelColumns(
  selection: SelectionInfo | null,
  columns: ColumnInfo[] | null,
  hasHeader: boolean,
  record: RunRecord | null,
): number[] {
  const labelAddress = record?.output?.labelAddress;
  if (!selection || !columns || !labelAddress || selection.areaCount !== 1) return [];
  const data = spanOf(selection.address);
  const labels = spanOf(labelAddress);
  if (!data || !labels || labels.columnCount !== 1) return [];
  // Excel compares sheet names without regard to case.
  const sheet = (s: string | null) => (s ?? selection.sheetName).toLowerCase();
  if (sheet(data.sheetName) !== sheet(labels.sheetName)) return [];
  const j = labels.column - data.column;
  const rowsMeet = labels.row < data.row + data.rowCount && data.row < labels.row + labels.rowCount;
  if (j < 0 || j >= data.columnCount || !rowsMeet) return [];
  const headers = [LABEL_HEADER, ...(record?.output?.labelColumns ? DIAGNOSTIC_HEADERS : [])];
  const own: number[] = [];
  for (let w = 0; w < headers.length; w++) {
    const column = columns.find((c) => c.index === j + w);
    if (!column || (hasHeader && column.name !== headers[w])) break;
    own.push(j + w);
  }
  return own;
}

/**
 * Column choices belong to the selection they were made on: when the selected address changes, the
 * unticked columns and the scatter's columns go back to their defaults (position 2 of one range is not
 * position 2 of another). Re-run sets its options without changing the selection, so it keeps its own.
 * The last run's output columns, once found in the selection, are unticked once; ticking one back sticks.
 */
export function useColumnDefaults(
  address: string | null,
  labelColumns: number[],
  setOptions: (update: (o: PaneOptions) => PaneOptions) => void,
): void {
  const shown = useRef<string | null>(null);
  const unticked = useRef<string | null>(null);
  const key = address === null || labelColumns.length === 0 ? null : `${address}|${labelColumns.join(",")}`;

  useEffect(() => {
    if (address === null) return;
    if (shown.current !== null && shown.current !== address) {
      setOptions((o) => ({ ...o, excludedColumns: [], scatterColumns: null }));
    }
    shown.current = address;
  }, [address, setOptions]);

  useEffect(() => {
    if (key === null || unticked.current === key) return;
    unticked.current = key;
    const own = key
      .slice(key.lastIndexOf("|") + 1)
      .split(",")
      .map(Number);
    setOptions((o) => {
      const missing = own.filter((j) => !o.excludedColumns.includes(j));
      return missing.length === 0
        ? o
        : { ...o, excludedColumns: [...o.excludedColumns, ...missing].sort((a, b) => a - b) };
    });
  }, [key, setOptions]);
}
