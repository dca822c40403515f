import { useEffect, useState } from "react";
import { prepareData } from "../excel/prepare";
import type { ColumnInfo, HeaderChoice, Host, SelectionInfo } from "../excel/types";

/** Rows read to show the column list; enough to tell a header from numbers. */
const PREVIEW_ROWS = 20;

/** The live selection and, when the host can preview it, its columns (for unticking an ID column). */
export function useSelection(host: Host, header: HeaderChoice) {
  const [selection, setSelection] = useState<SelectionInfo | null>(null);
  const [columns, setColumns] = useState<ColumnInfo[] | null>(null);

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let live = true;
    host.getSelection().then(
      (s) => live && setSelection(s),
      () => undefined,
    );
    host
      .onSelectionChanged((s) => setSelection(s))
      .then((u) => (live ? (unsubscribe = u) : u()))
      .catch(() => undefined);
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [host]);

  useEffect(() => {
    let live = true;
    setColumns(null);
    if (
      !selection ||
      selection.areaCount !== 1 ||
      selection.rowCount * selection.columnCount < 2 ||
      !host.previewSelection
    ) {
      return;
    }
    // Selections change quickly while the user drags; only preview the one they settle on.
    const timer = setTimeout(() => {
      host.previewSelection!(PREVIEW_ROWS).then(
        (raw) => {
          if (!live) return;
          try {
            setColumns(prepareData(raw, { header }).columns);
          } catch {
            setColumns(null);
          }
        },
        () => live && setColumns(null),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [host, selection, header]);

  return { selection, columns };
}
