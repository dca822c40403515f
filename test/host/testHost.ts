/** Test helpers: a workbook with Microsoft's Excel client in front of it, typed as the real Excel API. */
import { loadExcelClient } from "./client";
import { createTestHost, type HostOptions, type TestHost } from "./office";
import { Workbook, type Platform } from "./workbook";

export type Fixture = {
  workbook: Workbook;
  host: TestHost;
  /** Excel.run, from Microsoft's client. */
  run: typeof Excel.run;
  /** A fresh request context outside Excel.run (new Excel.RequestContext()). */
  context(): Excel.RequestContext;
};

export function fakeExcel(options: HostOptions & { sheets?: string[]; platform?: Platform } = {}): Fixture {
  const workbook = new Workbook({ sheets: options.sheets ?? ["Sheet1"], platform: options.platform });
  const host = createTestHost(workbook, options, (bridge) => loadExcelClient(workbook.platform, bridge));
  const { Excel } = host.client;
  return {
    workbook,
    host,
    run: Excel.run.bind(Excel) as typeof Excel.run,
    context: () => new Excel.RequestContext(),
  };
}

/** What a promise rejected with; fails when it resolves. */
export async function rejection(p: Promise<unknown>): Promise<{
  name: string;
  code: string;
  message: string;
  debugInfo: { errorLocation?: string; statement?: string };
}> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error("expected a rejection");
}

/** What a function threw; fails when it returned. */
export function thrown(f: () => unknown): { name: string; code: string; message: string } {
  try {
    f();
  } catch (e) {
    return e as never;
  }
  throw new Error("expected an exception");
}
