/** @jest-environment jsdom */
/**
 * DBSCAN in the task pane: the Algorithm choice swaps k and the k-means settings for eps and min samples,
 * the model's validator words their problems, Cluster sends one fit job with the DBSCAN settings (never a
 * sweep) and stores them in the run record, Re-run repeats a stored DBSCAN run, and the summary says what
 * DBSCAN found and offers the k-distance curve's eps for the next run. Queries are by text and label, as in
 * App.test.tsx (role queries over Fluent's styles are slow in jsdom).
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { prepareData } from "../../src/excel/prepare";
import type { RunRecord } from "../../src/excel/types";
import type { DbscanReport, DbscanSettings } from "../../src/model";
import { App } from "../../src/taskpane/App";
import {
  DEFAULT_OPTIONS,
  fitSettings,
  parseNumberField,
  runSettings,
  shownNumberFields,
  validateOptions,
  type PaneOptions,
} from "../../src/taskpane/options";
import { ResultSummary, roundedEps } from "../../src/taskpane/ResultSummary";
import { fitAndWrite, readAndCheck, type WorkflowEvents } from "../../src/taskpane/workflow";
import { runJob } from "../../src/worker/handler";
import type { Job, JobOutput } from "../../src/worker/protocol";
import { blobRows, fakeHost, inlineRunner, sampleRange } from "./fakes";

jest.setTimeout(60_000);

const DBSCAN: PaneOptions = { ...DEFAULT_OPTIONS, clusterer: "dbscan" };

/** Three tight groups of ten rows (x, y) and one row far from all of them, under an ID column. */
const ROWS = [...blobRows(30), [31, 100, 100]];

/** The pane's DBSCAN settings on ROWS (id left out, no scaling): three clusters and the far row as noise. */
const SETTINGS = {
  clusterer: "dbscan",
  eps: 1,
  minSamples: 3,
  scaling: "none",
  seed: DEFAULT_OPTIONS.seed,
  silhouetteSampleSize: 20000,
  scatterAxes: "pca",
} as const satisfies DbscanSettings;

describe("the options", () => {
  test("DBSCAN shows eps and min samples (and the seed) in place of k and the k-means settings", () => {
    expect(shownNumberFields(DBSCAN)).toEqual(["eps", "minSamples", "seed"]);
    expect(shownNumberFields({ ...DBSCAN, chooseK: true })).toEqual(["eps", "minSamples", "seed"]);
    expect(shownNumberFields(DEFAULT_OPTIONS)).toEqual(["k", "nInit", "maxIter", "tol", "seed"]);
    expect(DEFAULT_OPTIONS).toMatchObject({ clusterer: "kmeans", eps: 0.5, minSamples: 5 });
  });

  test("eps is any positive number and min samples a whole number from 1 to 1000", () => {
    expect(parseNumberField("eps", "0.3")).toBe(0.3);
    expect(parseNumberField("eps", "2e-3")).toBe(0.002);
    for (const bad of ["0", "-0.1", "abc", "", "1e400", "Infinity"])
      expect(parseNumberField("eps", bad)).toBeNull();
    expect(parseNumberField("minSamples", "1")).toBe(1);
    expect(parseNumberField("minSamples", "1000")).toBe(1000);
    for (const bad of ["0", "2.5", "1001", "x"]) expect(parseNumberField("minSamples", bad)).toBeNull();
  });

  test("the model's validator checks DBSCAN's settings in the pane's words, and not k-means' ones", () => {
    expect(validateOptions({ ...DBSCAN, eps: 0, minSamples: 0 })).toEqual([
      "eps must be a number above 0.",
      "Min samples must be a whole number from 1 to 1000.",
    ]);
    expect(validateOptions({ ...DBSCAN, minSamples: 2.5, seed: -1 })).toEqual([
      "Min samples must be a whole number from 1 to 1000.",
      "Seed must be a whole number from 0 to 4294967295.",
    ]);
    // k and the k-means settings are not DBSCAN's, whatever they hold (and Choose k does not apply).
    expect(validateOptions({ ...DBSCAN, k: 99, nInit: 0, chooseK: true, kMin: 9, kMax: 3 })).toEqual([]);
    expect(validateOptions({ ...DEFAULT_OPTIONS, eps: 0 })).toEqual([]);
  });

  test("runSettings: DBSCAN's settings for DBSCAN, the k-means fit's otherwise, with the same scatter axes", () => {
    const o: PaneOptions = { ...DBSCAN, eps: 0.3, minSamples: 4, scaling: "none", scatterColumns: [2, 1] };
    expect(runSettings(o, [1, 2])).toEqual({
      ...SETTINGS,
      eps: 0.3,
      minSamples: 4,
      scatterAxes: [1, 0],
    });
    // A scatter column that is not clustered falls back to principal components, as for k-means.
    expect(runSettings(o, [0, 1])).toMatchObject({ scatterAxes: "pca" });
    const kmeans = { ...o, clusterer: "kmeans" as const };
    expect(runSettings(kmeans, [1, 2])).toEqual(fitSettings(kmeans, kmeans.k, [1, 2]));
    expect(runSettings(kmeans, [1, 2], 5)).toEqual(fitSettings(kmeans, 5, [1, 2]));
  });
});

function events(stages: string[] = []): WorkflowEvents {
  return { onStage: (s) => stages.push(s), onProgress: () => undefined, confirmOverwrite: async () => true };
}

test("the workflow: DBSCAN is not held to k's row count, and runs one fit job whose settings are recorded", async () => {
  const host = fakeHost(sampleRange(blobRows(2)));
  const jobs: Job[] = [];
  const runner = { run: (job: Job, o?: object) => (jobs.push(job), inlineRunner.run(job, o)) };
  const deps = { host, runner };
  const signal = new AbortController().signal;
  // Two usable rows: too few for k = 3, enough for DBSCAN (prepareData refuses a selection with none).
  await expect(readAndCheck(deps, DEFAULT_OPTIONS, events(), signal)).rejects.toThrow(
    "k=3 needs at least 3 usable rows; the selection has 2.",
  );
  // eps wide enough for the two rows to make one cluster (DBSCAN finding none is the analysis layer's case).
  const options: PaneOptions = { ...DBSCAN, chooseK: true, eps: 5, minSamples: 2 };
  const checked = await readAndCheck(deps, options, events(), signal);
  if ("status" in checked) throw new Error("declined");
  const stages: string[] = [];
  const done = await fitAndWrite(deps, checked, options, options.k, events(stages), signal);
  expect(stages).toContain("Clustering with DBSCAN (eps = 5, min samples = 2)");
  expect(jobs).toHaveLength(1);
  expect(jobs[0]).toMatchObject({
    kind: "fit",
    settings: { clusterer: "dbscan", eps: 5, minSamples: 2, scaling: "standard" },
  });
  expect(done.fit).toMatchObject({ clusterer: "dbscan", clusterCount: 1, noiseCount: 0 });
  expect(host.records[0].settings).toEqual(jobs[0].settings);
  expect(host.writes[0].record.settings).toEqual(jobs[0].settings);
});

/** The pane on ROWS, with a runner that notes every job it is given. */
async function pane(records: RunRecord[] = []) {
  const host = fakeHost(sampleRange(ROWS));
  host.records.push(...records);
  const jobs: Job[] = [];
  const runner = {
    run: (job: Job, o?: Parameters<typeof inlineRunner.run>[1]): Promise<JobOutput> => {
      jobs.push(job);
      return inlineRunner.run(job, o);
    },
  };
  const user = userEvent.setup();
  render(<App host={host} runner={runner} theme={webLightTheme} />);
  await screen.findByText("Sheet1!A1:C32");
  const cluster = screen.getByText("Cluster", { selector: "button" });
  await waitFor(() => expect(cluster.hasAttribute("disabled")).toBe(false));
  return { host, jobs, user, cluster };
}

const advanced = () => screen.getByText("Advanced").closest("button")!;

test("the Algorithm choice swaps k, Choose k and the k-means settings for eps and min samples", async () => {
  const { user } = await pane();
  const kmeans = (await screen.findByLabelText("k-means")) as HTMLInputElement;
  expect(kmeans.checked).toBe(true);
  expect(screen.getByText("Algorithm")).toBeTruthy();
  await user.click(advanced());
  await screen.findByLabelText("Initialisations");
  expect(screen.getByLabelText("Number of clusters (k)")).toBeTruthy();
  expect(screen.getByLabelText("Choose k for me")).toBeTruthy();
  expect(screen.queryByLabelText("eps")).toBeNull();
  expect(screen.queryByLabelText("Min samples")).toBeNull();

  await user.click(screen.getByLabelText("DBSCAN"));
  const eps = (await screen.findByLabelText("eps")) as HTMLInputElement;
  expect(eps.value).toBe("0.5");
  expect((screen.getByLabelText("Min samples") as HTMLInputElement).value).toBe("5");
  expect(
    screen.getByText("A distance in the scaled space; after a run the k-distance curve suggests one."),
  ).toBeTruthy();
  for (const hidden of [
    "Number of clusters (k)",
    "Choose k for me",
    "Initialisations",
    "Max iterations",
    "Tolerance",
  ]) {
    expect(screen.queryByLabelText(hidden)).toBeNull();
  }
  // The scaling and the seed are DBSCAN's too.
  expect(screen.getByLabelText("Standard (mean 0, standard deviation 1)")).toBeTruthy();
  expect(screen.getByLabelText("Seed")).toBeTruthy();

  await user.click(kmeans);
  await screen.findByLabelText("Number of clusters (k)");
  expect(screen.getByLabelText("Tolerance")).toBeTruthy();
  expect(screen.queryByLabelText("eps")).toBeNull();
});

test("Cluster with DBSCAN sends its settings in one fit job; the summary says what it found", async () => {
  const { host, jobs, user, cluster } = await pane();
  // Choose k for me, on before DBSCAN is chosen, does not make DBSCAN sweep.
  await user.click(await screen.findByLabelText("Choose k for me"));
  await user.click(screen.getByLabelText("DBSCAN"));
  await user.click(screen.getByLabelText("id"));
  await user.click(screen.getByLabelText("None"));
  const eps = (await screen.findByLabelText("eps")) as HTMLInputElement;
  await user.clear(eps);
  await user.type(eps, "1");
  const minSamples = screen.getByLabelText("Min samples") as HTMLInputElement;
  await user.clear(minSamples);
  await user.type(minSamples, "3");
  await user.click(cluster);
  await screen.findByTestId("result-summary");

  expect(jobs.map((j) => j.kind)).toEqual(["fit"]);
  expect(jobs[0].settings).toEqual(SETTINGS);
  expect(host.records).toHaveLength(1);
  expect(host.records[0]).toMatchObject({
    settings: SETTINGS,
    featureNames: ["x", "y"],
    excludedColumns: [0],
  });
  const fit = host.writes[0].fit as DbscanReport;
  expect(fit).toMatchObject({ clusterer: "dbscan", clusterCount: 3, noiseCount: 1 });

  expect(
    screen.getByText(
      'DBSCAN found 3 clusters in 31 rows, with 1 row of noise (labelled 0). Labels are in Sheet1!D1:D32; the cluster table is on the sheet "K-Means Results".',
    ),
  ).toBeTruthy();
  expect(
    screen.getByText(/without noise rows · DBSCAN has no centres: no inertia, no elbow\.$/),
  ).toBeTruthy();
  expect(screen.queryByText(/iterations/)).toBeNull();
  expect(screen.getByText("Share (noise left out)")).toBeTruthy();
  const rerun = await screen.findByText("Re-run last (Sheet1!A1:C32, DBSCAN, eps = 1)");
  expect(rerun.closest("button")).toBeTruthy();

  // The k-distance curve's suggestion, as the summary offers it, goes into the eps field and the next run.
  expect(fit.kDistance.suggestedEps).not.toBeNull();
  const suggested = roundedEps(fit.kDistance.suggestedEps!);
  const use = screen.getByText(`Use suggested eps (${suggested})`).closest("button")!;
  await user.click(use);
  await waitFor(() => expect(eps.value).toBe(String(suggested)));
  await user.click(cluster);
  await waitFor(() => expect(host.records).toHaveLength(2));
  expect(jobs[1].settings).toEqual({ ...SETTINGS, eps: suggested });
});

test("a DBSCAN field with text that is not a valid value says so, and Cluster waits", async () => {
  const { user, cluster } = await pane();
  await user.click(await screen.findByLabelText("DBSCAN"));
  const eps = (await screen.findByLabelText("eps")) as HTMLInputElement;
  for (const bad of ["0", "-1", "abc", ""]) {
    await user.clear(eps);
    if (bad !== "") await user.type(eps, bad);
    expect(eps.value).toBe(bad);
    expect(screen.getByText("eps must be a number above 0.")).toBeTruthy();
    expect(eps.getAttribute("aria-invalid")).toBe("true");
    expect(cluster.hasAttribute("disabled")).toBe(true);
    expect(screen.getByText("Cluster waits for a valid value in eps.")).toBeTruthy();
  }
  await user.clear(eps);
  await user.type(eps, "0.25");
  expect(screen.queryByText("eps must be a number above 0.")).toBeNull();
  expect(cluster.hasAttribute("disabled")).toBe(false);

  const minSamples = screen.getByLabelText("Min samples") as HTMLInputElement;
  for (const bad of ["0", "2.5", "1001", "x"]) {
    await user.clear(minSamples);
    await user.type(minSamples, bad);
    expect(minSamples.value).toBe(bad);
    expect(screen.getByText("Min samples must be a whole number from 1 to 1000.")).toBeTruthy();
    expect(cluster.hasAttribute("disabled")).toBe(true);
    expect(screen.getByText("Cluster waits for a valid value in Min samples.")).toBeTruthy();
  }
  await user.clear(minSamples);
  await user.type(minSamples, "4");
  expect(cluster.hasAttribute("disabled")).toBe(false);
});

test("Re-run repeats a stored DBSCAN run: the algorithm, eps and min samples come back", async () => {
  const record: RunRecord = {
    version: "0.1.0",
    date: "2024-01-01T00:00:00.000Z",
    sourceAddress: "Sheet1!A1:C32",
    header: "auto",
    excludedColumns: [0],
    featureNames: ["x", "y"],
    settings: { ...SETTINGS, eps: 1.5, minSamples: 4 },
  };
  const { jobs, user } = await pane([record]);
  const rerun = (await screen.findByText("Re-run last (Sheet1!A1:C32, DBSCAN, eps = 1.5)")).closest(
    "button",
  )!;
  await user.click(rerun);
  await screen.findByTestId("result-summary");
  expect(jobs).toHaveLength(1);
  expect(jobs[0].settings).toEqual({ ...SETTINGS, eps: 1.5, minSamples: 4 });
  expect((screen.getByLabelText("DBSCAN") as HTMLInputElement).checked).toBe(true);
  expect((screen.getByLabelText("eps") as HTMLInputElement).value).toBe("1.5");
  expect((screen.getByLabelText("Min samples") as HTMLInputElement).value).toBe("4");
  expect((screen.getByLabelText("None") as HTMLInputElement).checked).toBe(true);
  // The column list comes from the selection's preview, which may land after the summary: waited for.
  expect(((await screen.findByLabelText("id")) as HTMLInputElement).checked).toBe(false);
});

describe("the summary of a DBSCAN run", () => {
  const prepared = prepareData(sampleRange(ROWS), { excludedColumns: [0] });
  const fit = runJob({ kind: "fit", X: prepared.X, settings: SETTINGS }, () => undefined)
    .output as DbscanReport;
  const report = {
    labelAddress: "Sheet1!D1:D32",
    resultsSheet: "K-Means Results",
    warnings: [],
    charts: ["k-distance"],
    chartsSkipped: [],
  };
  const show = (f: DbscanReport, onUseEps?: (eps: number) => void) =>
    render(
      <FluentProvider theme={webLightTheme}>
        <ResultSummary prepared={prepared} fit={f} report={report} onUseEps={onUseEps} />
      </FluentProvider>,
    );

  test("clusters, noise rows labelled 0, the silhouette without them, and no inertia or iterations", () => {
    show(fit);
    const text = screen.getByTestId("result-summary").textContent ?? "";
    expect(text).toContain("DBSCAN found 3 clusters in 31 rows, with 1 row of noise (labelled 0).");
    expect(text).toMatch(/Mean silhouette \d\.\d{3} without noise rows · /);
    expect(text).toContain("DBSCAN has no centres: no inertia, no elbow.");
    expect(text).not.toMatch(/iterations|converged|centroid/i);
    // The cluster sizes, noise left out: 10 rows each, and what sets each cluster apart (noise left out).
    const rows = Array.from(screen.getByRole("table").querySelectorAll("tbody tr"), (tr) => tr.textContent);
    expect(rows).toEqual([
      "11033.3 %low x (-1.2 sd), high y (+1.2 sd)",
      "21033.3 %close to average on every column",
      "31033.3 %high x (+1.2 sd), low y (-1.2 sd)",
    ]);
    expect(text).toMatch(
      /Columns that separate the clusters most: (x|y) \(η² [01]\.\d\d\), (x|y) \(η² [01]\.\d\d\)\./,
    );
  });

  test("Use suggested eps hands the k-distance curve's knee, as shown, to the options", async () => {
    const used: number[] = [];
    show(fit, (eps) => used.push(eps));
    const eps = roundedEps(fit.kDistance.suggestedEps!);
    expect(screen.getByText(`The knee of the k-distance curve suggests eps = ${eps}.`)).toBeTruthy();
    await userEvent.setup().click(screen.getByText(`Use suggested eps (${eps})`));
    expect(used).toEqual([eps]);
    expect(roundedEps(0.123456)).toBe(0.123);
    expect(roundedEps(2.5e-7)).toBe(2.5e-7);
  });

  test("with no knee on the curve, there is nothing to suggest and no button", () => {
    show({ ...fit, kDistance: { ...fit.kDistance, suggestedEps: null } }, () => undefined);
    expect(screen.getByText(/no clear knee to suggest an eps from/)).toBeTruthy();
    expect(screen.queryByText(/Use suggested eps/)).toBeNull();
  });

  test("with every row clustered, it says there is no noise", () => {
    show({ ...fit, noiseCount: 0 });
    expect(screen.getByText(/^DBSCAN found 3 clusters in 31 rows, with no noise rows\./)).toBeTruthy();
    expect(screen.getByText("Share")).toBeTruthy();
  });
});
