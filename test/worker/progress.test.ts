import { combineProgress } from "../../src/worker/combineProgress";
import { createProgressReporter } from "../../src/worker/progress";
import type { Progress } from "../../src/worker/protocol";

const at = (fraction: number, message = "m"): Progress => ({ fraction, message });

describe("createProgressReporter", () => {
  test("throttles by time, lets forced messages through, and never goes backwards", () => {
    let clock = 1000;
    const seen: Progress[] = [];
    const report = createProgressReporter(
      (p) => seen.push(p),
      50,
      () => clock,
    );
    report(at(0.1));
    clock += 10;
    report(at(0.2));
    clock += 10;
    report(at(0.3), true);
    clock += 60;
    report(at(0.25));
    clock += 60;
    report(at(1.2));
    expect(seen.map((p) => p.fraction)).toEqual([0.1, 0.3, 0.3, 1]);
  });
});

describe("combineProgress", () => {
  test("weighs each part by its share and ends exactly at 1", () => {
    const seen: number[] = [];
    const c = combineProgress([0.3, 0.3, 0.4], (p) => seen.push(p.fraction));
    c.part(0)(at(0.5));
    c.part(1)(at(1)); // within the throttle interval: dropped
    c.part(0)(at(1));
    c.part(2)(at(1)); // all parts finished: forced, and exactly 1 however the weights round
    expect(seen).toEqual([0.15, 1]);
  });

  test("a single part passes through unthrottled", () => {
    const seen: Progress[] = [];
    const c = combineProgress([1], (p) => seen.push(p));
    c.part(0)(at(0.2, "a"));
    c.part(0)(at(0.4, "b"));
    expect(seen).toEqual([at(0.2, "a"), at(0.4, "b")]);
  });
});
