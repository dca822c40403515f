/**
 * Helpers for the src/excel tests on the test workbook (test/host): Microsoft's Excel client in front of
 * the Workbook model, as fakeExcel() gives it.
 */
import type { Fixture } from "../host/testHost";

/** Polls until the condition holds: events and the client's clean-up requests land after the call returns. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * Resolves once Excel holds no object for the client. After every Excel.run, Microsoft's client sends one
 * more request of its own, releasing the ranges it kept during the run (`_RemoveReference`); it is sent
 * after the run has resolved, so a test that counts requests waits for it, and counts it: Excel receives it.
 */
export function settled(f: Fixture): Promise<void> {
  return until(() => f.host.excel.stats.trackedObjects === 0);
}

/** Excel.run(batch), then its clean-up request. */
export async function runSettled<T>(
  f: Fixture,
  batch: (context: Excel.RequestContext) => Promise<T>,
): Promise<T> {
  try {
    return await f.run(batch);
  } finally {
    await settled(f);
  }
}

/**
 * Records the add-in's worksheet.getRangeByIndexes calls, as "row,column,rowCount,columnCount", on this
 * fixture's copy of Microsoft's client (each fixture loads its own, so nothing leaks to other tests).
 */
export function recordRangeCalls(f: Fixture): string[] {
  const proto = f.host.client.Excel.Worksheet.prototype;
  const original = proto.getRangeByIndexes;
  const calls: string[] = [];
  proto.getRangeByIndexes = function (this: Excel.Worksheet, ...args: [number, number, number, number]) {
    calls.push(args.join(","));
    return original.apply(this, args);
  };
  return calls;
}
