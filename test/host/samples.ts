/**
 * The sample sheets of the preview page and the browser tests, from the scikit-learn fixtures: iris
 * (150 × 4 under a header row), the tutorial's 500 customers (an ID column of text, then 4 numbers) and
 * the tutorial's two moons (make_moons(300, noise=0.05, random_state=42): 300 × 2 under a header row),
 * the shape k-means cuts wrongly and DBSCAN finds.
 */
import customers from "../fixtures/customers.json";
import iris from "../fixtures/iris.json";
import moons from "../fixtures/moons.json";
import type { Workbook } from "./workbook";

export type SampleName = "iris" | "customers" | "moons";

export const SAMPLE_SHEETS: Record<SampleName, string> = {
  iris: "Iris",
  customers: "Customers",
  moons: "Moons",
};

export function sampleValues(name: SampleName): (string | number)[][] {
  if (name === "iris") return [[...iris.columns], ...iris.X.map((row) => [...row])];
  if (name === "moons") return [[...moons.columns], ...moons.X.map((row) => [...row])];
  return [
    ["Customer", ...customers.columns],
    ...customers.X.map((row, i) => [`C${String(i + 1).padStart(4, "0")}`, ...row]),
  ];
}

/** Puts a sample on its own sheet (created when missing), from A1. */
export function loadSample(workbook: Workbook, name: SampleName, sheetName = SAMPLE_SHEETS[name]): string {
  const values = sampleValues(name);
  workbook.setValues(sheetName, "A1", values);
  return sheetName;
}
