import {
  Body1,
  Button,
  Field,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { SweepReport } from "../model";
import { columnDecimals, fixed, SCORE_DECIMALS } from "./format";
import { TextSpinButton } from "./OptionsForm";
import { recommendK } from "./recommend";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "end" },
  marked: { fontWeight: tokens.fontWeightSemibold },
});

/** note: a sentence shown under the title, e.g. why fewer k were tried than asked. */
type Props = { sweep: SweepReport; onPick(k: number): void; onCancel(): void; note?: string };

/** The elbow and the silhouette side by side; the user picks the k to cluster with. */
export function Recommendation({ sweep, onPick, onCancel, note }: Props) {
  const styles = useStyles();
  const rec = recommendK(sweep);
  const ks = sweep.rows.map((r) => r.k);
  // The typed text of "Other k", kept as typed (see TextSpinButton); a k of the sweep, or none.
  const [otherText, setOtherText] = useState(String(rec.k ?? ks[0]));
  const typed = otherText.trim() === "" ? NaN : Number(otherText);
  const other = ks.includes(typed) ? typed : null;
  // One number of decimals down the inertia column, so its values line up and compare at a glance.
  const inertiaDecimals = columnDecimals(sweep.rows.map((r) => r.inertia));
  const candidates = [rec.silhouetteK, rec.elbowK].filter(
    (k, i, a): k is number => k !== null && a.indexOf(k) === i,
  );
  return (
    <section className={styles.root} aria-label="Recommended number of clusters" data-testid="recommendation">
      <Subtitle2 as="h2">{rec.title}</Subtitle2>
      {note && <Body1>{note}</Body1>}
      {rec.reasons.map((r) => (
        <Body1 key={r}>{r}</Body1>
      ))}
      <Table size="extra-small" aria-label="Scores by number of clusters">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>k</TableHeaderCell>
            <TableHeaderCell>Inertia</TableHeaderCell>
            <TableHeaderCell>Mean silhouette</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sweep.rows.map((r) => (
            <TableRow key={r.k} className={candidates.includes(r.k) ? styles.marked : undefined}>
              <TableCell>
                {r.k}
                {r.k === rec.silhouetteK ? " (best silhouette)" : ""}
                {r.k === rec.elbowK ? " (elbow)" : ""}
              </TableCell>
              <TableCell>{fixed(r.inertia, inertiaDecimals)}</TableCell>
              <TableCell>{fixed(r.silhouette, SCORE_DECIMALS)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className={styles.actions}>
        {candidates.map((k, i) => (
          <Button key={k} appearance={i === 0 ? "primary" : "secondary"} onClick={() => onPick(k)}>
            {`Cluster with k = ${k}`}
          </Button>
        ))}
        <Field
          label="Other k"
          validationState={other === null ? "error" : "none"}
          validationMessage={other === null ? `A k from ${ks[0]} to ${ks[ks.length - 1]}.` : undefined}
        >
          <TextSpinButton
            text={otherText}
            value={other}
            min={ks[0]}
            max={ks[ks.length - 1]}
            onText={setOtherText}
          />
        </Field>
        <Button onClick={() => other !== null && onPick(other)} disabled={other === null}>
          Use this k
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
