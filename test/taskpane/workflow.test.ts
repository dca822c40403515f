/**
 * The pane's workflow without React: what it asks the host and the runner, for choose-k on few rows and for
 * a label column the user has to agree to (or that holds the add-in's own labels).
 */
import type { Job } from "../../src/worker/protocol";
import { DEFAULT_OPTIONS, type PaneOptions } from "../../src/taskpane/options";
import { fitAndWrite, readAndCheck, sweep, type WorkflowEvents } from "../../src/taskpane/workflow";
import { blobRows, fakeHost, inlineRunner, sampleRange } from "./fakes";

const chooseK = (over: Partial<PaneOptions> = {}): PaneOptions => ({
  ...DEFAULT_OPTIONS,
  chooseK: true,
  kMin: 2,
  kMax: 10,
  ...over,
});

function events(answer = true) {
  const asked: string[] = [];
  const e: WorkflowEvents = {
    onStage: () => undefined,
    onProgress: () => undefined,
    confirmOverwrite: async (target) => {
      asked.push(target.address);
      return answer;
    },
  };
  return { e, asked };
}

const signal = new AbortController().signal;

describe('"Choose k for me" on fewer rows than the top of the k range', () => {
  test("tries k up to one less than the rows, the most a silhouette allows", async () => {
    const host = fakeHost(sampleRange(blobRows(6)));
    const jobs: Job[] = [];
    const runner = { run: (job: Job, o?: object) => (jobs.push(job), inlineRunner.run(job, o)) };
    const deps = { host, runner };
    const { e } = events();
    const checked = await readAndCheck(deps, chooseK(), e, signal);
    if ("status" in checked) throw new Error("declined");
    const result = await sweep(deps, checked, chooseK(), e, signal);
    expect(jobs[0]).toMatchObject({ kind: "sweep", settings: { kMin: 2, kMax: 5 } });
    expect(result.rows.map((r) => r.k)).toEqual([2, 3, 4, 5]);
    expect(result.rows.every((r) => r.silhouette !== null)).toBe(true);
  });

  test("says how far to lower From k when fewer than two k are left", async () => {
    const host = fakeHost(sampleRange(blobRows(6)));
    await expect(
      readAndCheck({ host, runner: inlineRunner }, chooseK({ kMin: 5 }), events().e, signal),
    ).rejects.toThrow(
      'Choose k needs more usable rows than the k it tries, for at least two k from 5; the selection has 6 usable rows. Lower "From k" to 4 or less, or cluster with a fixed k.',
    );
  });

  test("on three rows, says to use a fixed k", async () => {
    const host = fakeHost(sampleRange(blobRows(3)));
    await expect(readAndCheck({ host, runner: inlineRunner }, chooseK(), events().e, signal)).rejects.toThrow(
      "the selection has 3 usable rows. Cluster with a fixed k instead.",
    );
  });
});

test("a protected data sheet is said before the job runs", async () => {
  const host = fakeHost({ ...sampleRange(blobRows(12)), sheetProtected: true });
  const jobs: Job[] = [];
  const runner = { run: (job: Job, o?: object) => (jobs.push(job), inlineRunner.run(job, o)) };
  await expect(readAndCheck({ host, runner }, DEFAULT_OPTIONS, events().e, signal)).rejects.toMatchObject({
    code: "SHEET_PROTECTED",
    message: expect.stringContaining(
      "The sheet Sheet1 is protected, so the labels cannot be written to Sheet1!D1:D13",
    ),
  });
  expect(jobs).toEqual([]);
});

test("values too large for no scaling are named by cell before the job runs", async () => {
  const rows = blobRows(12).map((r, i) => (i === 4 ? [r[0], 3e200, r[2]] : r));
  const host = fakeHost(sampleRange(rows));
  const jobs: Job[] = [];
  const runner = { run: (job: Job, o?: object) => (jobs.push(job), inlineRunner.run(job, o)) };
  const options = { ...DEFAULT_OPTIONS, scaling: "none" as const };
  await expect(readAndCheck({ host, runner }, options, events().e, signal)).rejects.toThrow(
    /^Cell B6 of Sheet1 holds 3E\+200: with no scaling/,
  );
  expect(jobs).toEqual([]);
  // Standard scaling brings them into range: no refusal.
  await expect(readAndCheck({ host, runner }, DEFAULT_OPTIONS, events().e, signal)).resolves.toMatchObject({
    overwrite: false,
  });
});

describe("the label column the user agreed to travels to the write", () => {
  test("a column with data is asked about, and what the user saw goes with the write", async () => {
    const host = fakeHost(sampleRange(blobRows(12)));
    host.target = {
      address: "Sheet1!D1:D13",
      empty: false,
      nonEmptyCount: 1,
      sample: [{ address: "Sheet1!D4", value: "note" }],
      ownOutput: false,
      seen: [{ offset: 3, formula: "note" }],
    };
    const deps = { host, runner: inlineRunner };
    const { e, asked } = events(true);
    const checked = await readAndCheck(deps, DEFAULT_OPTIONS, e, signal);
    if ("status" in checked) throw new Error("declined");
    expect(asked).toEqual(["Sheet1!D1:D13"]);
    await fitAndWrite(deps, checked, DEFAULT_OPTIONS, 3, e, signal);
    expect(host.writes[0]).toMatchObject({ overwrite: true, agreed: host.target });
  });

  test("the add-in's own labels from the last run on the range are replaced without asking", async () => {
    const host = fakeHost(sampleRange(blobRows(12)));
    host.target = { address: "Sheet1!D1:D13", empty: false, nonEmptyCount: 13, ownOutput: true, seen: [] };
    const { e, asked } = events(false);
    const checked = await readAndCheck({ host, runner: inlineRunner }, DEFAULT_OPTIONS, e, signal);
    expect(asked).toEqual([]);
    expect(checked).toMatchObject({ overwrite: false, target: { ownOutput: true } });
  });
});
