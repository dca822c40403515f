import { Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { SelectionInfo } from "../excel/types";

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

export function describeSelection(s: SelectionInfo): string {
  if (s.areaCount > 1) return `${s.areaCount} separate areas`;
  const rows = `${s.rowCount.toLocaleString("en-US")} row${s.rowCount === 1 ? "" : "s"}`;
  const cols = `${s.columnCount} column${s.columnCount === 1 ? "" : "s"}`;
  return `${rows} × ${cols}`;
}

export function SelectionCard({ selection }: { selection: SelectionInfo | null }) {
  const styles = useStyles();
  return (
    <section className={styles.card} aria-live="polite" aria-label="Selected range">
      <Caption1>Data to cluster</Caption1>
      {selection ? (
        <>
          <Text weight="semibold" data-testid="selection-address">
            {selection.address}
          </Text>
          <Caption1 data-testid="selection-shape">{describeSelection(selection)}</Caption1>
        </>
      ) : (
        <Text>Select the cells to cluster, with or without a header row.</Text>
      )}
    </section>
  );
}
