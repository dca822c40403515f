import {
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { skippedReasons } from "../excel/prepare";
import type { PreparedData, WriteReport } from "../excel/types";
import type { FitOutput, SweepOutput } from "../worker/protocol";
import { fixed, percent, SCORE_DECIMALS } from "./format";
import { recommendK } from "./recommend";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export function chooseKReason(sweep: SweepOutput, chosen: number): string {
  const rec = recommendK(sweep);
  const signals = [
    rec.silhouetteK === null ? null : `the best silhouette was at k = ${rec.silhouetteK}`,
    rec.elbowK === null ? "the inertia curve had no clear elbow" : `the elbow was at k = ${rec.elbowK}`,
  ].filter(Boolean);
  const weak = rec.noClearClusters ? " The data showed no clear clusters, so read the groups with care." : "";
  return `Clustered with k = ${chosen}; ${signals.join(" and ")}.${weak}`;
}

type Props = { prepared: PreparedData; fit: FitOutput; report: WriteReport; sweep?: SweepOutput };

export function ResultSummary({ prepared, fit, report, sweep }: Props) {
  const styles = useStyles();
  const k = fit.profile.length;
  const skipped = prepared.skipped.count;
  return (
    <section className={styles.root} aria-label="Result" data-testid="result-summary">
      <Body1>
        {`${prepared.X.rows.toLocaleString("en-US")} rows clustered into ${k} clusters. Labels are in ${report.labelAddress}; ` +
          `the centroid table is on the sheet "${report.resultsSheet}".`}
      </Body1>
      {sweep && <Body1>{chooseKReason(sweep, k)}</Body1>}
      <Caption1>
        {`Mean silhouette ${fixed(fit.silhouette, SCORE_DECIMALS)}${fit.silhouetteSampled ? " (on a sample)" : ""} · ` +
          `${fit.nIter} iterations${fit.converged ? "" : ", not converged"}`}
      </Caption1>
      <Table size="small" aria-label="Cluster sizes">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Cluster</TableHeaderCell>
            <TableHeaderCell>Rows</TableHeaderCell>
            <TableHeaderCell>Share</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {fit.profile.map((c) => (
            <TableRow key={c.cluster}>
              <TableCell>{c.cluster + 1}</TableCell>
              <TableCell>{c.size.toLocaleString("en-US")}</TableCell>
              <TableCell>{percent(c.share)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {skipped > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>
            {`${skipped} row${skipped === 1 ? " was" : "s were"} left out: ${skippedReasons(prepared)}. ` +
              "Their label cells stay empty."}
          </MessageBarBody>
        </MessageBar>
      )}
      {report.charts.length > 0 && (
        <Caption1>{`Charts on the results sheet: ${report.charts.join("; ")}.`}</Caption1>
      )}
      {report.chartsSkipped.map((c) => (
        <MessageBar key={c} intent="warning">
          <MessageBarBody>{`Chart not drawn: ${c}`}</MessageBarBody>
        </MessageBar>
      ))}
      {report.warnings.map((w) => (
        <MessageBar key={w} intent="warning">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}
