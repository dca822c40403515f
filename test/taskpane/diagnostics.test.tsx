/** @jest-environment jsdom */
/**
 * Issue 14 in the pane: the "Number clusters" choice and the "Per-row diagnostics" checkbox reach the run's
 * settings and its record (k-means and DBSCAN alike), the label block is checked as six columns when the
 * diagnostics are asked for, and the summary gives each cluster's description, the columns with the
 * highest η², and where the outliers are. Queries are by text, as in App.test.tsx.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import { prepareData } from "../../src/excel/prepare";
import type { PreparedData, RunRecord, WriteReport } from "../../src/excel/types";
import {
  describeClusters,
  type ClusteringReport,
  type DbscanReport,
  type KMeansReport,
} from "../../src/model";
import userEvent from "@testing-library/user-event";
import { optionsOf } from "../../src/taskpane/App";
import { DIAGNOSTICS_HINT, OptionsForm } from "../../src/taskpane/OptionsForm";
import { holdsData } from "../../src/taskpane/OverwriteDialog";
import { DEFAULT_OPTIONS, runSettings, type PaneOptions } from "../../src/taskpane/options";
import { diagnosticsLines, ResultSummary, separatingColumns } from "../../src/taskpane/ResultSummary";
import { fitAndWrite, readAndCheck, type WorkflowEvents } from "../../src/taskpane/workflow";
import { runJob } from "../../src/worker/handler";
import type { Job, JobOutput } from "../../src/worker/protocol";
import { blobRows, fakeHost, inlineRunner, sampleRange } from "./fakes";

jest.setTimeout(60_000);

const events: WorkflowEvents = {
  onStage: () => undefined,
  onProgress: () => undefined,
  confirmOverwrite: async () => true,
};
const signal = new AbortController().signal;

async function clusterWith(options: PaneOptions) {
  const host = fakeHost(sampleRange(blobRows(30)));
  const asked: unknown[][] = [];
  const check = host.checkLabelTarget;
  host.checkLabelTarget = (...args) => (asked.push(args.slice(1)), check(...args));
  const jobs: Job[] = [];
  const runner = {
    run: (job: Job, o?: object): Promise<JobOutput> => (jobs.push(job), inlineRunner.run(job, o)),
  };
  const deps = { host, runner };
  const checked = await readAndCheck(deps, options, events, signal);
  if ("status" in checked) throw new Error("declined");
  const done = await fitAndWrite(deps, checked, options, options.k, events, signal);
  return { host, jobs, asked, done };
}

describe("the options reach the run", () => {
  test("by default: scikit-learn's numbering (left out of the settings) and no diagnostics", async () => {
    const { jobs, done, asked } = await clusterWith({ ...DEFAULT_OPTIONS, k: 3 });
    expect(jobs[0].settings).not.toHaveProperty("numbering");
    expect(done.record.diagnostics).toBeUndefined();
    expect(done.record.settings).not.toHaveProperty("numbering");
    // The read found the Cluster column empty, so the host was not asked (fakeHost's read says nothing).
    expect(asked).toEqual([[]]);
  });

  test("k-means numbered by size, with diagnostics: in the job, in the record, and in the label check", async () => {
    const options: PaneOptions = { ...DEFAULT_OPTIONS, k: 3, numbering: "size", diagnostics: true };
    const { jobs, done, asked, host } = await clusterWith(options);
    expect(jobs[0]).toMatchObject({ kind: "fit", settings: { numbering: "size", k: 3 } });
    expect(done.record).toMatchObject({ diagnostics: true, settings: { numbering: "size" } });
    expect(host.writes[0].record).toMatchObject({ diagnostics: true, settings: { numbering: "size" } });
    expect(asked).toEqual([[{ diagnostics: true }]]);
    // Cluster 1 is the largest.
    const sizes = done.fit.profile.map((c) => c.size);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });

  test("DBSCAN numbered by size, with diagnostics", async () => {
    const options: PaneOptions = {
      ...DEFAULT_OPTIONS,
      clusterer: "dbscan",
      eps: 1,
      minSamples: 3,
      scaling: "none",
      excludedColumns: [0],
      numbering: "size",
      diagnostics: true,
    };
    const { jobs, done } = await clusterWith(options);
    expect(jobs[0].settings).toMatchObject({ clusterer: "dbscan", numbering: "size" });
    expect(done.record).toMatchObject({
      diagnostics: true,
      settings: { clusterer: "dbscan", numbering: "size" },
    });
    expect(runSettings(options)).toMatchObject({ numbering: "size" });
  });

  test("Re-run takes the numbering and the diagnostics from the record; an older record means the defaults", () => {
    const base: RunRecord = {
      version: "0.1.0",
      date: "2024-05-01T10:00:00.000Z",
      sourceAddress: "Sheet1!A1:C31",
      header: "auto",
      excludedColumns: [0],
      featureNames: ["x", "y"],
      settings: runSettings({ ...DEFAULT_OPTIONS, numbering: "size" }),
      diagnostics: true,
    };
    expect(optionsOf(base)).toMatchObject({ numbering: "size", diagnostics: true });
    const { diagnostics: _d, ...older } = base;
    void _d;
    const { numbering: _n, ...settings } = base.settings;
    void _n;
    expect(optionsOf({ ...older, settings })).toMatchObject({ numbering: "sklearn", diagnostics: false });
  });
});

describe("the summary", () => {
  const prepared = prepareData(sampleRange(blobRows(30)), { excludedColumns: [0] });
  const run = (o: PaneOptions) =>
    runJob({ kind: "fit", X: prepared.X, settings: runSettings(o, prepared.features) }, () => undefined)
      .output as ClusteringReport;
  const kmeans = run({ ...DEFAULT_OPTIONS, k: 3 }) as KMeansReport;
  const report: WriteReport = {
    labelAddress: "Sheet1!D1:D31",
    resultsSheet: "K-Means Results",
    warnings: [],
    charts: [],
    chartsSkipped: [],
  };
  const show = (p: PreparedData, fit: ClusteringReport, r: WriteReport = report) =>
    render(
      <FluentProvider theme={webLightTheme}>
        <ResultSummary prepared={p} fit={fit} report={r} />
      </FluentProvider>,
    );

  test("each cluster's description beside its rows and share, and the columns with the highest η²", () => {
    show(prepared, kmeans);
    const lines = describeClusters(kmeans.meaning.zScores, ["x", "y"]);
    const rows = Array.from(screen.getByRole("table").querySelectorAll("tbody tr"), (tr) =>
      Array.from(tr.querySelectorAll("td"), (td) => td.textContent),
    );
    expect(rows.map((r) => r[3])).toEqual(lines);
    expect(lines.every((l) => /sd\)|close to average/.test(l))).toBe(true);
    expect(screen.getByText("What sets it apart")).toBeTruthy();
    const eta = kmeans.meaning.anova!.etaSquared;
    const [first, second] = eta[0] >= eta[1] ? ["x", "y"] : ["y", "x"];
    const [e1, e2] = eta[0] >= eta[1] ? [eta[0], eta[1]] : [eta[1], eta[0]];
    expect(
      screen.getByText(
        `Columns that separate the clusters most: ${first} (η² ${e1.toFixed(2)}), ${second} (η² ${e2.toFixed(2)}).`,
      ),
    ).toBeTruthy();
    // No diagnostics written: nothing said about them.
    expect(screen.queryByText(/Per-row diagnostics/)).toBeNull();
  });

  test("at most three columns are named, strongest first; none without an ANOVA", () => {
    const anova = {
      f: new Float64Array(4),
      p: new Float64Array(4),
      etaSquared: Float64Array.from([0.1, 0.94, NaN, 0.5]),
    };
    const fit = { ...kmeans, meaning: { ...kmeans.meaning, anova } };
    expect(separatingColumns(fit, ["a", "b", "c", "d"])).toBe(
      "Columns that separate the clusters most: b (η² 0.94), d (η² 0.50), a (η² 0.10).",
    );
    expect(
      separatingColumns({ ...kmeans, meaning: { ...kmeans.meaning, anova: null } }, ["x", "y"]),
    ).toBeNull();
  });

  test("with diagnostics written: where they are, how many outliers and which cells say so", () => {
    const outlier = new Uint8Array(kmeans.labels.length);
    outlier[4] = 1;
    outlier[20] = 1;
    const fit: KMeansReport = { ...kmeans, diagnostics: { ...kmeans.diagnostics, outlier } };
    show(prepared, fit, { ...report, diagnosticsAddress: "Sheet1!E1:I31" });
    expect(screen.getByText("Per-row diagnostics are in Sheet1!E1:I31.")).toBeTruthy();
    // Row 4 (0-based) of the data is sheet row 6 under the header; Outlier is column I.
    expect(
      screen.getByText(
        "2 rows are outliers (farther from the centre than their cluster's Tukey fence), TRUE in Sheet1!I1:I31: I6, I22.",
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/Silhouette column is blank/)).toBeNull();
  });

  test("a sampled silhouette is said to leave the Silhouette column blank; no outliers said so too", () => {
    const fit: KMeansReport = {
      ...kmeans,
      silhouetteSampled: true,
      diagnostics: { ...kmeans.diagnostics, silhouette: null, outlier: new Uint8Array(kmeans.labels.length) },
    };
    const lines = diagnosticsLines(prepared, fit, { ...report, diagnosticsAddress: "Sheet1!E1:I31" });
    expect(lines).toEqual([
      "Per-row diagnostics are in Sheet1!E1:I31.",
      "No row is an outlier: Outlier (Sheet1!I1:I31) is FALSE throughout.",
      "The Silhouette column is blank: with this many rows the silhouette was computed on a sample, not for every row.",
    ]);
  });

  test("a DBSCAN run: descriptions of its clusters (noise left out), and its noise rows' blank diagnostics", () => {
    const rows = prepareData(sampleRange([...blobRows(30), [31, 100, 100]]), { excludedColumns: [0] });
    const settings = runSettings(
      { ...DEFAULT_OPTIONS, clusterer: "dbscan", eps: 1, minSamples: 3, scaling: "none" },
      rows.features,
    );
    const fit = runJob({ kind: "fit", X: rows.X, settings }, () => undefined).output as DbscanReport;
    expect(fit.noiseCount).toBe(1);
    show(rows, fit, { ...report, labelAddress: "Sheet1!D1:D32", diagnosticsAddress: "Sheet1!E1:I32" });
    const lines = describeClusters(fit.meaning.zScores, ["x", "y"]);
    const cells = Array.from(
      screen.getByRole("table").querySelectorAll("tbody tr td:nth-child(4)"),
      (td) => td.textContent,
    );
    expect(cells).toEqual(lines);
    expect(lines).toHaveLength(3);
    expect(screen.getByText(/^Columns that separate the clusters most: /)).toBeTruthy();
    expect(screen.getByText("Noise rows have no centre, so their diagnostics are blank.")).toBeTruthy();
  });
});

describe("the form", () => {
  test("offers the numbering choice and the diagnostics checkbox, off and scikit-learn's by default", async () => {
    const changes: PaneOptions[] = [];
    render(
      <FluentProvider theme={webLightTheme}>
        <OptionsForm
          options={DEFAULT_OPTIONS}
          onChange={(o) => changes.push(o)}
          drafts={{}}
          onType={() => undefined}
          columns={null}
          labelColumns={[]}
          disabled={false}
        />
      </FluentProvider>,
    );
    expect((screen.getByLabelText("As scikit-learn") as HTMLInputElement).checked).toBe(true);
    const box = screen.getByLabelText("Per-row diagnostics") as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByText(DIAGNOSTICS_HINT)).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("By size (largest first)"));
    await user.click(box);
    expect(changes).toEqual([
      { ...DEFAULT_OPTIONS, numbering: "size" },
      { ...DEFAULT_OPTIONS, diagnostics: true },
    ]);
  });

  test("the dialog says the diagnostics columns are in the block", () => {
    expect(
      holdsData({ address: "Data!C1:H9", columnCount: 6, empty: false, nonEmptyCount: 1, ownLabelCount: 0 }),
    ).toBe("The labels and per-row diagnostics go in Data!C1:H9, but 1 of those cells already hold data.");
  });
});
