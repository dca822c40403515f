import { useEffect, useState } from "react";
import { prepareData, type HeaderReason } from "../excel/prepare";
import type { ColumnInfo, HeaderChoice, Host, SelectionInfo } from "../excel/types";

/** Rows read to show the column list; enough to tell a header from numbers. */
const PREVIEW_ROWS = 20;

/**
 * The live selection and, when the host can preview it, its columns (for unticking an ID column). While
 * the pane is closed nothing is tracked or previewed: the shared runtime keeps running without it, and
 * every selection change would otherwise cost Excel requests for a pane nobody sees. Reopened, it reads
 * the selection once and follows it again.
 */
export function useSelection(host: Host, header: HeaderChoice) {
  const [selection, setSelection] = useState<SelectionInfo | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const visible = usePaneVisible(host);

  useEffect(() => {
    if (!visible) return;
    let live = true;
    host.getSelection().then(
      (s) => live && setSelection(s),
      () => undefined,
    );
    const stop = follow(host.onSelectionChanged.bind(host), setSelection);
    return () => {
      live = false;
      stop();
    };
  }, [host, visible]);

  useEffect(() => {
    // Closed, the pane keeps what it showed; reopened, the selection read on showing brings a preview.
    if (!visible) return;
    let live = true;
    setPreview(null);
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
            const { columns, hasHeader, headerReason } = prepareData(raw, { header });
            setPreview({ address: selection.address, columns, hasHeader, headerReason });
          } catch {
            setPreview(null);
          }
        },
        () => live && setPreview(null),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [host, selection, header, visible]);

  // For one render after the selection changed, the state still holds the previous selection's preview.
  const current = preview && selection && preview.address === selection.address ? preview : null;
  return {
    selection,
    columns: current?.columns ?? null,
    hasHeader: current?.hasHeader ?? false,
    /** Why the first row was or was not taken as the header, when previewed: the pane says it. */
    headerReason: current?.headerReason ?? null,
    visible,
  };
}

/** The columns of a selection, tagged with its address so they are never shown for another one. */
type Preview = { address: string; columns: ColumnInfo[]; hasHeader: boolean; headerReason: HeaderReason };

/** Whether the task pane is shown; true where the host cannot tell. */
function usePaneVisible(host: Host): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    if (!host.onVisibilityChanged) return;
    return follow(host.onVisibilityChanged.bind(host), setVisible);
  }, [host]);
  return visible;
}

/**
 * Subscribes through a host registration that resolves to its remover; the returned stop ends it, even
 * when called before the registration resolved, and no callback arrives after it.
 */
function follow<T>(
  register: (callback: (value: T) => void) => Promise<() => void>,
  callback: (value: T) => void,
): () => void {
  let unsubscribe: (() => void) | undefined;
  let live = true;
  register((v) => live && callback(v))
    .then((u) => (live ? (unsubscribe = u) : u()))
    .catch(() => undefined);
  return () => {
    live = false;
    unsubscribe?.();
  };
}
