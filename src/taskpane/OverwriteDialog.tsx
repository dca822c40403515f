import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import type { LabelTarget } from "../excel/types";

type Props = { target: LabelTarget | null; onAnswer(overwrite: boolean): void };

/** The add-in never overwrites cells the user did not agree to overwrite. */
export function OverwriteDialog({ target, onAnswer }: Props) {
  return (
    <Dialog open={target !== null} modalType="alert" onOpenChange={(_, d) => !d.open && onAnswer(false)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Overwrite cells?</DialogTitle>
          <DialogContent>
            {target &&
              `The labels go in ${target.address}, but ${target.nonEmptyCount} of those cells already hold data. ` +
                "Overwrite them, or keep them and select data whose right-hand neighbour column is empty."}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => onAnswer(true)}>
              Overwrite
            </Button>
            <Button appearance="secondary" onClick={() => onAnswer(false)}>
              Keep my cells
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
