import { clusterZScores, fromRows } from "../../src/engine";
import {
  CLOSE_TO_AVERAGE,
  DESCRIBE_MAX_COLUMNS,
  DESCRIBE_MIN_SD,
  describeCluster,
  describeClusters,
  signedSd,
} from "../../src/model";
import { loadMeaning, meaningInput } from "../engine/fixtures";

const names = ["annual_income", "spending_score", "age", "purchase_frequency"];

test("the strongest columns, strongest first, with their sign and one decimal", () => {
  expect(describeCluster([1.43, -1.06, 0.2, 0.1], names)).toBe(
    "high annual_income (+1.4 sd), low spending_score (-1.1 sd)",
  );
  expect(describeCluster([0.6, -2.04, 0.9, -0.7], names)).toBe(
    "low spending_score (-2.0 sd), high age (+0.9 sd), low purchase_frequency (-0.7 sd)",
  );
});

test("at most 3 columns; |z| ≥ 0.5 is named, just under is not", () => {
  expect(DESCRIBE_MAX_COLUMNS).toBe(3);
  expect(DESCRIBE_MIN_SD).toBe(0.5);
  expect(describeCluster([0.5, -0.5, 0.49999, 3], names)).toBe(
    "high purchase_frequency (+3.0 sd), high annual_income (+0.5 sd), low spending_score (-0.5 sd)",
  );
  expect(describeCluster([0.4, -0.49, 0, 0.1], names)).toBe(CLOSE_TO_AVERAGE);
  expect(CLOSE_TO_AVERAGE).toBe("close to average on every column");
});

test("equal strengths in the columns' order", () => {
  expect(describeCluster([-1, 1, 1, -1], names)).toBe(
    "low annual_income (-1.0 sd), high spending_score (+1.0 sd), high age (+1.0 sd)",
  );
});

test("signedSd: the sign always shown, one decimal", () => {
  expect([signedSd(1.44), signedSd(-1.06), signedSd(0.55), signedSd(-0.5)]).toEqual([
    "+1.4",
    "-1.1",
    "+0.6",
    "-0.5",
  ]);
});

test("NaN z-scores (an empty cluster) are not named", () => {
  expect(describeCluster([NaN, NaN], ["a", "b"])).toBe(CLOSE_TO_AVERAGE);
});

test("the tutorial's customers: one line per cluster, the same from the engine's and from numpy's z-scores", () => {
  const c = loadMeaning().cases.find((m) => m.name === "customers")!;
  const { X, labels } = meaningInput(c);
  const lines = describeClusters(clusterZScores(X, labels, c.k), names);
  expect(lines).toEqual(describeClusters(fromRows(c.z_scores), names));
  expect(lines).toHaveLength(4);
  for (const line of lines)
    expect(line).toMatch(/^(?:(?:high|low) \w+ \([+-]\d+\.\d sd\)(?:, |$)){1,3}$|^close to average/);
});
