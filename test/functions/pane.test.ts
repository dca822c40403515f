/**
 * =KMEANS.LABELS(...) must give the labels the Cluster button writes for the same range and settings. The
 * pane's path is rebuilt from its own parts: prepareData on the range, the settings from the pane's
 * options, and the fit job it sends to its runner.
 */
import { prepareData } from "../../src/excel/prepare";
import { labels } from "../../src/functions/functions";
import { DEFAULT_OPTIONS, fitSettings, type PaneOptions } from "../../src/taskpane/options";
import { createInlineClient } from "../../src/worker/inlineClient";
import { loadFixture } from "../engine/fixtures";
import { rawFrom } from "../excel/fixtures";
import { excel, useCountingRunner } from "./helpers";

useCountingRunner();

/** The customers table as a user would select it: a header row, and a few rows with a gap. */
function customersSheet(): unknown[][] {
  const f = loadFixture("customers");
  const rows: unknown[][] = [f.columns, ...f.X.map((r) => [...r])];
  rows[5] = [rows[5][0], "", rows[5][2], rows[5][3]];
  rows[200] = ["", "", "", ""];
  rows[321] = [rows[321][0], rows[321][1], "unknown", rows[321][3]];
  return rows;
}

/** Sheet row (0-based within the range) → the label the pane writes there, 1-based. */
async function paneLabels(values: unknown[][], options: PaneOptions): Promise<Map<number, number>> {
  const prepared = prepareData(rawFrom(values), {
    header: options.header,
    excludedColumns: options.excludedColumns,
  });
  const fit = await createInlineClient().run({
    kind: "fit",
    X: prepared.X,
    settings: fitSettings(options, options.k),
  });
  const headerRows = prepared.hasHeader ? 1 : 0;
  return new Map(Array.from(prepared.rows, (r, i) => [r + headerRows, fit.labels[i] + 1]));
}

describe("LABELS equals the pane's labels", () => {
  test.each<[string, Partial<PaneOptions>, unknown[]]>([
    ["the pane's defaults (k 3)", {}, [3]],
    [
      "k 4, min-max scaling, seed 7, 5 initialisations",
      { k: 4, scaling: "minmax", seed: 7, nInit: 5 },
      [4, "minmax", 7, 5],
    ],
    ["k 5 without scaling", { k: 5, scaling: "none" }, [5, "none"]],
  ])("%s", async (_, overrides, args) => {
    const values = customersSheet();
    const pane = await paneLabels(values, { ...DEFAULT_OPTIONS, ...overrides });
    const out = (await excel(labels, values, ...args)) as unknown[][];
    expect(out).toHaveLength(values.length);
    expect(pane.size).toBe(values.length - 4); // header + three incomplete rows
    out.forEach((cell, r) => expect(cell).toEqual([pane.get(r) ?? ""]));
  });
});
