import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { splitAddress } from "../excel/address";
import type { LabelTarget } from "../excel/types";

const useStyles = makeStyles({
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  sample: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Cells of the sample the dialog lists; the rest are counted. */
export const SAMPLE_SHOWN = 5;

type Props = { target: LabelTarget | null; onAnswer(overwrite: boolean): void };

/**
 * The add-in never overwrites cells the user did not agree to overwrite. Keeping them is the primary
 * button and has the focus when the dialog opens, so Enter or Space keeps the cells; closing the dialog
 * any other way keeps them too.
 */
export function OverwriteDialog({ target, onAnswer }: Props) {
  const styles = useStyles();
  const keep = useRef<HTMLButtonElement>(null);
  // Fluent's Dialog focuses the first focusable element it finds visible, which is this button, first in
  // the actions; where it finds none (no layout, as in jsdom) it focuses the surface. This effect runs
  // after the Dialog's own (a parent's effects follow its children's), so the focus ends here either way.
  useEffect(() => {
    if (target) keep.current?.focus();
  }, [target]);
  return (
    <Dialog open={target !== null} modalType="alert" onOpenChange={(_, d) => !d.open && onAnswer(false)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Overwrite cells?</DialogTitle>
          <DialogContent className={styles.content}>
            {target && (
              <>
                <Text>{holdsData(target)}</Text>
                <LostCells target={target} className={styles.sample} />
                <Text>
                  Keep them and select data whose right-hand neighbour column is empty, or overwrite them.
                </Text>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" ref={keep} onClick={() => onAnswer(false)}>
              Keep my cells
            </Button>
            <Button appearance="secondary" onClick={() => onAnswer(true)}>
              Overwrite
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** How many cells hold data, and how many of them look like the add-in's own labels from the last run. */
export function holdsData(target: LabelTarget): string {
  const own = target.ownLabelCount ?? 0;
  const mine =
    own > 0 && own < target.nonEmptyCount
      ? ` (${own.toLocaleString("en-US")} of them look like this add-in's labels from its last run; the others would be lost)`
      : "";
  const what = (target.columnCount ?? 1) > 1 ? "The labels and per-row diagnostics go" : "The labels go";
  return `${what} in ${target.address}, but ${target.nonEmptyCount.toLocaleString("en-US")} of those cells already hold data${mine}.`;
}

/** What an overwrite would lose: the first few cells as "D2: hello", and how many more there are. */
function LostCells({ target, className }: { target: LabelTarget; className: string }) {
  const sample = target.sample ?? [];
  if (sample.length === 0) return null;
  const shown = sample.slice(0, SAMPLE_SHOWN);
  const more = target.nonEmptyCount - shown.length;
  return (
    <ul className={className} aria-label="Cells that would be overwritten">
      {shown.map((c) => (
        // The dialog names the sheet once, in the column's address; each cell goes by its own name.
        <li key={c.address}>{`${splitAddress(c.address).local}: ${c.value}`}</li>
      ))}
      {more > 0 && <li>{`and ${more.toLocaleString("en-US")} more`}</li>}
    </ul>
  );
}
