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
import { cellAddress, rangeAddress } from "../excel/address";
import { DIAGNOSTIC_HEADERS, labelColumnOf, labelWidth } from "../excel/labelColumn";
import { skippedReasons } from "../excel/prepare";
import type { PreparedData, WriteReport } from "../excel/types";
import { describeClusters, type ClusteringReport, type DbscanReport, type SweepReport } from "../model";
import { fixed, percent, SCORE_DECIMALS } from "./format";
import { recommendK } from "./recommend";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  // Column names such as purchase_frequency are longer than the pane is wide: break them, not the layout.
  words: { overflowWrap: "anywhere" },
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

/** At most this many columns are named as the ones that separate the clusters most. */
export const TOP_ETA_COLUMNS = 3;

/**
 * "Columns that separate the clusters most: petal_length (η² 0.94), petal_width (η² 0.92), …": the columns
 * whose variance the clusters explain best (η², one-way ANOVA in the clustering space), strongest first.
 */
export function separatingColumns(fit: ClusteringReport, names: readonly string[]): string | null {
  const eta = fit.meaning.anova?.etaSquared;
  if (!eta) return null;
  const order = Array.from(eta.keys())
    .filter((j) => Number.isFinite(eta[j]))
    .sort((a, b) => eta[b] - eta[a] || a - b)
    .slice(0, TOP_ETA_COLUMNS);
  if (order.length === 0) return null;
  const list = order.map((j) => `${names[j]} (η² ${eta[j].toFixed(2)})`).join(", ");
  return `${order.length === 1 ? "Column that separates" : "Columns that separate"} the clusters most: ${list}.`;
}

/** Cells of the Outlier column named in the summary; the rest are counted. */
export const OUTLIERS_SHOWN = 5;

/**
 * Where the per-row diagnostics went and how many rows are outliers (beyond their cluster's Tukey fence),
 * naming the first few Outlier cells that say TRUE; and why the Silhouette column is blank when it is.
 */
export function diagnosticsLines(
  prepared: PreparedData,
  fit: ClusteringReport,
  report: WriteReport,
): string[] {
  if (!report.diagnosticsAddress) return [];
  const block = labelColumnOf(prepared, labelWidth(true));
  const column = block.column + DIAGNOSTIC_HEADERS.indexOf("Outlier") + 1;
  const headerRows = prepared.hasHeader ? 1 : 0;
  const cells: string[] = [];
  let count = 0;
  fit.diagnostics.outlier.forEach((flag, j) => {
    if (flag !== 1) return;
    count++;
    if (cells.length < OUTLIERS_SHOWN)
      cells.push(
        cellAddress(block.sheetName, block.row + headerRows + prepared.rows[j], column).replace(/^.*!/, ""),
      );
  });
  const outlierColumn = rangeAddress(block.sheetName, block.row, column, block.rowCount, 1);
  const lines = [`Per-row diagnostics are in ${report.diagnosticsAddress}.`];
  if (count === 0) lines.push(`No row is an outlier: Outlier (${outlierColumn}) is FALSE throughout.`);
  else {
    const more = count > cells.length ? ` and ${(count - cells.length).toLocaleString("en-US")} more` : "";
    lines.push(
      `${rowCount(count)} ${count === 1 ? "is an outlier" : "are outliers"} (farther from the centre than their cluster's Tukey fence), TRUE in ${outlierColumn}: ${cells.join(", ")}${more}.`,
    );
  }
  if (fit.diagnostics.silhouette === null)
    lines.push(
      "The Silhouette column is blank: with this many rows the silhouette was computed on a sample, not for every row.",
    );
  if (fit.clusterer === "dbscan" && fit.noiseCount > 0)
    lines.push("Noise rows have no centre, so their diagnostics are blank.");
  return lines;
}

const rowCount = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "row" : "rows"}`;

export function ResultSummary({ prepared, fit, report, sweep, onUseEps }: Props) {
  const styles = useStyles();
  const k = fit.profile.length;
  const skipped = prepared.skipped.count;
  const dbscan = fit.clusterer === "dbscan" ? fit : null;
  const names = prepared.features.map((c) => prepared.columns[c].name);
  const descriptions = describeClusters(fit.meaning.zScores, names);
  const separating = separatingColumns(fit, names);
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
            <TableHeaderCell>What sets it apart</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {fit.profile.map((c) => (
            <TableRow key={c.cluster}>
              <TableCell>{c.cluster + 1}</TableCell>
              <TableCell>{c.size.toLocaleString("en-US")}</TableCell>
              <TableCell>{percent(c.share)}</TableCell>
              <TableCell className={styles.words}>{descriptions[c.cluster] ?? ""}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {separating && <Caption1>{separating}</Caption1>}
      {diagnosticsLines(prepared, fit, report).map((line) => (
        <Caption1 key={line}>{line}</Caption1>
      ))}
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
