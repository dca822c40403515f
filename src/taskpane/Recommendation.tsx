import {
  Body1,
  Button,
  Field,
  SpinButton,
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
import type { SweepOutput } from "../worker/protocol";
import { recommendK } from "./recommend";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "end" },
  marked: { fontWeight: tokens.fontWeightSemibold },
});

type Props = { sweep: SweepOutput; onPick(k: number): void; onCancel(): void };

const fmt = (v: number | null, digits: number) => (v === null ? "n/a" : v.toFixed(digits));

/** The elbow and the silhouette side by side; the user picks the k to cluster with. */
export function Recommendation({ sweep, onPick, onCancel }: Props) {
  const styles = useStyles();
  const rec = recommendK(sweep);
  const ks = sweep.rows.map((r) => r.k);
  const [other, setOther] = useState(rec.k ?? ks[0]);
  const candidates = [rec.silhouetteK, rec.elbowK].filter(
    (k, i, a): k is number => k !== null && a.indexOf(k) === i,
  );
  return (
    <section className={styles.root} aria-label="Recommended number of clusters" data-testid="recommendation">
      <Subtitle2 as="h2">
        {rec.k === null ? "No clear recommendation" : `Recommended: k = ${rec.k}`}
      </Subtitle2>
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
              <TableCell>{r.inertia.toPrecision(5)}</TableCell>
              <TableCell>{fmt(r.silhouette, 3)}</TableCell>
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
        <Field label="Other k">
          <SpinButton
            value={other}
            min={ks[0]}
            max={ks[ks.length - 1]}
            onChange={(_, d) => setOther(d.value ?? Number(d.displayValue))}
          />
        </Field>
        <Button onClick={() => onPick(other)} disabled={!ks.includes(other)}>
          Use this k
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </section>
  );
}
