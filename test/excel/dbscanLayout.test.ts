/** The results sheet of a DBSCAN run: cluster means, noise, no inertia, the k-distance chart. */
import { fitDbscan } from "../../src/analysis/dbscan";
import { buildResultsLayout, type CellValue, type ResultsLayout } from "../../src/excel/resultsLayout";
import { dbscanRun, type RunSettings } from "../../src/model";
import { loadFixture } from "../engine/fixtures";
import { recordFor, sampleTable } from "./fixtures";

const moons = loadFixture("moons");

function cellsOf(layout: ResultsLayout): Map<string, CellValue> {
  const cells = new Map<string, CellValue>();
  for (const b of layout.blocks) {
    b.cells.forEach((line, r) =>
      line.forEach((v, c) => v !== "" && cells.set(`${b.row + r},${b.column + c}`, v)),
    );
  }
  return cells;
}

function layoutFor(eps: number) {
  const { prepared } = sampleTable(moons.columns, moons.X);
  const settings = dbscanRun({ eps, minSamples: 5, scaling: "none", seed: 42 });
  const fit = fitDbscan(prepared.X, settings, () => {});
  const record = { ...recordFor(prepared), settings: settings as RunSettings };
  const layout = buildResultsLayout({ prepared, fit, record, labelAddress: "Sheet1!C1:C301" });
  const cells = cellsOf(layout);
  const right = (label: string) => {
    for (const [key, v] of cells) {
      if (v === label) {
        const [row] = key.split(",").map(Number);
        return cells.get(`${row},1`);
      }
    }
    return undefined;
  };
  return { fit, layout, cells, right };
}

test("the table holds each cluster's size and mean; the quality block says there is no inertia", () => {
  const { fit, layout, cells, right } = layoutFor(0.3);
  const t = layout.table;
  expect(t.rowCount).toBe(fit.clusterCount + 1);
  expect(cells.get(`${t.row + 1},1`)).toBe(fit.profile[0].size);
  expect(cells.get(`${t.row + 1},4`)).toBe(fit.means.data[0]);
  expect([...cells.values()]).toContain("DBSCAN clustering results");
  expect(right("Clusters found")).toBe(fit.clusterCount);
  expect(right("Noise rows")).toBe(fit.noiseCount);
  expect(right("Inertia")).toBe("n/a");
  expect(right("eps")).toBe(0.3);
  expect(right("Min samples")).toBe(5);
  expect([...cells.values()]).not.toContain("Iterations");
});

test("the k-distance chart is drawn; noise is its own scatter series, with the cluster means", () => {
  const { fit, layout } = layoutFor(0.12);
  expect(fit.noiseCount).toBeGreaterThan(0);
  const titles = layout.charts.map((c) => c.name);
  expect(titles).toEqual(["k-distance", "Silhouette by cluster", "Cluster scatter"]);
  const scatter = layout.charts.find((c) => c.name === "Cluster scatter")!;
  const names = scatter.series.map((s) => s.name);
  expect(names.slice(-2)).toEqual(["Noise", "Cluster means"]);
  expect(names.filter((n) => /^Cluster \d+(: |$)/.test(n)).length).toBe(fit.clusterCount);
  const noise = scatter.series.find((s) => s.name === "Noise")!;
  expect(noise.values.rowCount).toBe(fit.noiseCount);
});

test("every row noise still lays out: no cluster rows, and the warning on the sheet", () => {
  const { fit, layout, cells } = layoutFor(1e-6);
  expect(fit.clusterCount).toBe(0);
  expect(layout.table.rowCount).toBe(1);
  expect([...cells.values()].some((v) => typeof v === "string" && v.startsWith("Every row is noise"))).toBe(
    true,
  );
});
