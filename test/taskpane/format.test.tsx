/** @jest-environment jsdom */
/**
 * Numbers in the pane's tables read down evenly: the same decimals down each column, shares as "31.3 %"
 * with one decimal (the results sheet's "0.0%"), and the weak-structure verdict in the recommendation.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import type { SweepRow } from "../../src/engine";
import { prepareData } from "../../src/excel/prepare";
import { columnDecimals, fixed, percent } from "../../src/taskpane/format";
import { Recommendation } from "../../src/taskpane/Recommendation";
import { ResultSummary } from "../../src/taskpane/ResultSummary";
import { runJob } from "../../src/worker/handler";
import type { KMeansReport, SweepReport } from "../../src/model";
import { blobRows, sampleRange } from "./fakes";

jest.setTimeout(60_000);

/** Decimals a formatted number shows. */
const decimalsOf = (text: string) => /\.(\d+)/.exec(text)?.[1].length ?? 0;
/** "1,234.6" → 1234.6. */
const valueOf = (text: string) => Number(text.replace(/,/g, ""));

function sweepWith(inertias: number[], silhouettes: (number | null)[]): SweepReport {
  const rows: SweepRow[] = inertias.map((inertia, i) => ({
    k: i + 2,
    inertia,
    silhouette: silhouettes[i],
    calinskiHarabasz: 1,
    daviesBouldin: 1,
    nIter: 3,
    converged: true,
    silhouetteSampled: false,
  }));
  const best = rows.reduce((a, r) => ((r.silhouette ?? -2) > (a.silhouette ?? -2) ? r : a));
  return { kind: "sweep", rows, elbowK: 3, bestSilhouetteK: best.k };
}

/** The cells of one column of a table, body rows only. */
function column(table: HTMLElement, j: number): string[] {
  return Array.from(
    table.querySelectorAll("tbody tr"),
    (tr) => tr.querySelectorAll("td")[j].textContent ?? "",
  );
}

describe("the helpers", () => {
  test("a column's decimals give its largest value four significant digits, and fixed keeps them all", () => {
    for (const values of [
      [12345.6, 3.2],
      [681.37, 78.85, 9.1],
      [2.3051, 0.41],
      [0.01234, 0.002],
    ]) {
      const d = columnDecimals(values);
      const largest = fixed(Math.max(...values), d);
      expect(largest.replace(/[,.]/g, "").replace(/^0+/, "").length).toBeGreaterThanOrEqual(4);
      for (const v of values) {
        const text = fixed(v, d);
        expect(decimalsOf(text)).toBe(d);
        expect(Math.abs(valueOf(text) - v)).toBeLessThanOrEqual(0.5 * 10 ** -d + 1e-12);
      }
    }
    expect(columnDecimals([])).toBe(0);
    expect(fixed(null, 2)).toBe("n/a");
    expect(fixed(1234567.891, 1)).toBe("1,234,567.9");
  });

  test("a share is a percentage with one decimal and a space before the sign", () => {
    for (const share of [0.3125, 0.05, 1, 1 / 3, 0]) {
      const text = percent(share);
      expect(text).toMatch(/^\d{1,3}\.\d %$/);
      expect(Math.abs(Number(text.slice(0, -2)) - share * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
  });
});

test("the sweep table gives every inertia the same decimals, and every silhouette three", () => {
  const inertias = [1234.5678, 98.7654, 7.12345, 0.5];
  const silhouettes = [null, 0.612345, 0.5, 0.41];
  render(
    <FluentProvider theme={webLightTheme}>
      <Recommendation sweep={sweepWith(inertias, silhouettes)} onPick={() => {}} onCancel={() => {}} />
    </FluentProvider>,
  );
  const table = screen.getByLabelText("Scores by number of clusters");
  const inertia = column(table, 1);
  const decimals = new Set(inertia.map(decimalsOf));
  expect(decimals.size).toBe(1);
  inertia.forEach((text, i) => {
    const d = decimalsOf(text);
    expect(Math.abs(valueOf(text) - inertias[i])).toBeLessThanOrEqual(0.5 * 10 ** -d + 1e-12);
  });
  const silhouette = column(table, 2);
  expect(silhouette[0]).toBe("n/a");
  for (const text of silhouette.slice(1)) expect(decimalsOf(text)).toBe(3);
});

test("a sweep without substantial structure says so in the heading, and still offers every k", () => {
  render(
    <FluentProvider theme={webLightTheme}>
      <Recommendation
        sweep={sweepWith([90, 70, 60, 55], [0.12, 0.18, 0.16, 0.15])}
        onPick={() => {}}
        onCancel={() => {}}
      />
    </FluentProvider>,
  );
  const rec = screen.getByTestId("recommendation");
  expect(within(rec).getByText("No clear clusters", { selector: "h2" })).toBeTruthy();
  expect(rec.textContent).toContain("the best mean silhouette is 0.180");
  expect(rec.textContent).not.toMatch(/Recommended: k =|Both signals point/);
  expect(within(rec).getByText("Cluster with k = 3", { selector: "button" })).toBeTruthy();
  expect(within(rec).getByText("Use this k", { selector: "button" }).hasAttribute("disabled")).toBe(false);
});

test("the summary's shares are percentages with one decimal, its silhouette three decimals", () => {
  const prepared = prepareData(sampleRange(blobRows(31)), { excludedColumns: [0] });
  const settings = {
    k: 3,
    scaling: "standard" as const,
    nInit: 10,
    maxIter: 300,
    tol: 1e-4,
    seed: 42,
    silhouetteSampleSize: 20000,
  };
  const fit: KMeansReport = runJob({ kind: "fit", X: prepared.X, settings }, () => {}).output as KMeansReport;
  const report = {
    labelAddress: "Sheet1!D1:D32",
    resultsSheet: "K-Means Results",
    warnings: [],
    charts: [],
    chartsSkipped: [],
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <ResultSummary prepared={prepared} fit={fit} report={report} />
    </FluentProvider>,
  );
  const shares = column(screen.getByLabelText("Cluster sizes"), 2);
  expect(shares).toHaveLength(fit.profile.length);
  shares.forEach((text, c) => {
    expect(text).toMatch(/^\d{1,3}\.\d %$/);
    expect(Math.abs(Number(text.slice(0, -2)) - fit.profile[c].share * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
  });
  const silhouette = /Mean silhouette (-?[\d.]+)/.exec(
    screen.getByTestId("result-summary").textContent ?? "",
  );
  expect(decimalsOf(silhouette![1])).toBe(3);
});
