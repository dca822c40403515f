/** Test helpers: a workbook with the fake Office.js over it, typed as the real Excel API. */
import { createTestHost, type HostOptions, type TestHost } from "./office";
import { Workbook, type Platform } from "./workbook";

export type Fixture = {
  workbook: Workbook;
  host: TestHost;
  /** Excel.run, typed as Office.js types it. */
  run: typeof Excel.run;
  /** A fresh request context outside Excel.run (new Excel.RequestContext()). */
  context(): Excel.RequestContext;
};

export function fakeExcel(options: HostOptions & { sheets?: string[]; platform?: Platform } = {}): Fixture {
  const workbook = new Workbook({ sheets: options.sheets ?? ["Sheet1"], platform: options.platform });
  const host = createTestHost(workbook, options);
  const ns = host.Excel as unknown as { run: Fixture["run"]; RequestContext: new () => Excel.RequestContext };
  return { workbook, host, run: ns.run, context: () => new ns.RequestContext() };
}

/** What a promise rejected with; fails when it resolves. */
export async function rejection(
  p: Promise<unknown>,
): Promise<{ name: string; code: string; message: string; debugInfo: { errorLocation?: string } }> {
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
