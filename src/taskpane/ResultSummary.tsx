import {
  Body1,
  Button,
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
import type { ClusteringReport, DbscanReport, SweepReport } from "../model";
import { fixed, percent, SCORE_DECIMALS } from "./format";
import { recommendK } from "./recommend";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export function chooseKReason(sweep: SweepReport, chosen: number): string {
  const rec = recommendK(sweep);
  const signals = [
    rec.silhouetteK === null ? null : `the best silhouette was at k = ${rec.silhouetteK}`,
    rec.elbowK === null ? "the inertia curve had no clear elbow" : `the elbow was at k = ${rec.elbowK}`,
  ].filter(Boolean);
  const weak = rec.noClearClusters ? " The data showed no clear clusters, so read the groups with care." : "";
  return `Clustered with k = ${chosen}; ${signals.join(" and ")}.${weak}`;
}

type Props = {
  prepared: PreparedData;
  fit: ClusteringReport;
  report: WriteReport;
  sweep?: SweepReport;
  /** Puts an eps into the options (DBSCAN's summary offers the k-distance curve's suggestion). */
  onUseEps?(eps: number): void;
};

/** The k-distance curve's suggestion as the pane offers it: three significant digits, what a field shows. */
export function roundedEps(eps: number): number {
  return Number(eps.toPrecision(3));
}

const rowCount = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "row" : "rows"}`;

export function ResultSummary({ prepared, fit, report, sweep, onUseEps }: Props) {
  const styles = useStyles();
  const k = fit.profile.length;
  const skipped = prepared.skipped.count;
  const dbscan = fit.clusterer === "dbscan" ? fit : null;
  return (
    <section className={styles.root} aria-label="Result" data-testid="result-summary">
      {dbscan ? (
        <DbscanLines fit={dbscan} prepared={prepared} report={report} onUseEps={onUseEps} />
      ) : (
        <>
          <Body1>
            {`${prepared.X.rows.toLocaleString("en-US")} rows clustered into ${k} clusters. Labels are in ${report.labelAddress}; ` +
              `the centroid table is on the sheet "${report.resultsSheet}".`}
          </Body1>
          {sweep && <Body1>{chooseKReason(sweep, k)}</Body1>}
          {fit.clusterer === "kmeans" && (
            <Caption1>
              {`Mean silhouette ${fixed(fit.silhouette, SCORE_DECIMALS)}${fit.silhouetteSampled ? " (on a sample)" : ""} · ` +
                `${fit.nIter} iterations${fit.converged ? "" : ", not converged"}`}
            </Caption1>
          )}
        </>
      )}
      <Table size="small" aria-label="Cluster sizes">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Cluster</TableHeaderCell>
            <TableHeaderCell>Rows</TableHeaderCell>
            <TableHeaderCell>
              {dbscan && dbscan.noiseCount > 0 ? "Share (noise left out)" : "Share"}
            </TableHeaderCell>
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

/**
 * DBSCAN's summary: the clusters it found and the rows it called noise (labelled 0 on the sheet), the
 * silhouette of the clustered rows, why there is no inertia, and the eps the k-distance curve suggests,
 * with a button that puts it into the eps field for the next Cluster.
 */
function DbscanLines({
  fit,
  prepared,
  report,
  onUseEps,
}: {
  fit: DbscanReport;
  prepared: PreparedData;
  report: WriteReport;
  onUseEps?(eps: number): void;
}) {
  const n = prepared.X.rows;
  const clusters = `${fit.clusterCount} ${fit.clusterCount === 1 ? "cluster" : "clusters"}`;
  const noise = fit.noiseCount === 0 ? "no noise rows" : `${rowCount(fit.noiseCount)} of noise (labelled 0)`;
  const suggested = fit.kDistance.suggestedEps;
  const eps = suggested === null ? null : roundedEps(suggested);
  return (
    <>
      <Body1>
        {`DBSCAN found ${clusters} in ${rowCount(n)}, with ${noise}. Labels are in ${report.labelAddress}; ` +
          `the cluster table is on the sheet "${report.resultsSheet}".`}
      </Body1>
      <Caption1>
        {`Mean silhouette ${fixed(fit.silhouette, SCORE_DECIMALS)} without noise rows${fit.silhouetteSampled ? " (on a sample)" : ""} · ` +
          "DBSCAN has no centres: no inertia, no elbow."}
      </Caption1>
      {eps === null ? (
        <Caption1>
          The k-distance curve has no clear knee to suggest an eps from: read it on the results sheet.
        </Caption1>
      ) : (
        <div>
          <Caption1 as="p">{`The knee of the k-distance curve suggests eps = ${eps}.`}</Caption1>
          {onUseEps && <Button onClick={() => onUseEps(eps)}>{`Use suggested eps (${eps})`}</Button>}
        </div>
      )}
    </>
  );
}
