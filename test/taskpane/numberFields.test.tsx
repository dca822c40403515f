/** @jest-environment jsdom */
/**
 * The pane's number fields never lock: text that is not a valid value is shown as typed with the problem
 * beside the field, Cluster waits, and typing a valid number recovers at once. Typed with user-event, key
 * by key, as a user types. Queries are by text and label, as in App.test.tsx (role queries over Fluent's
 * styles are slow in jsdom).
 */
import { webLightTheme } from "@fluentui/react-components";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/taskpane/App";
import { NUMBER_RULES, type NumberField } from "../../src/taskpane/options";
import type { Job, JobOutput } from "../../src/worker/protocol";
import { blobRows, fakeHost, inlineRunner, sampleRange } from "./fakes";

jest.setTimeout(60_000);

type Case = {
  field: NumberField;
  label: string;
  bad: string[];
  good: string;
  /** Where the field is: under Choose k for me, or in the Advanced section. */
  place?: "chooseK" | "advanced";
};

const CASES: Case[] = [
  { field: "k", label: "Number of clusters (k)", bad: ["abc", "3.5", "", "60"], good: "4" },
  { field: "kMin", label: "From k", bad: ["abc", "3.5", ""], good: "3", place: "chooseK" },
  { field: "kMax", label: "To k", bad: ["x1", "6.5", ""], good: "6", place: "chooseK" },
  { field: "nInit", label: "Initialisations", bad: ["abc", "2.5", "", "0"], good: "5", place: "advanced" },
  { field: "maxIter", label: "Max iterations", bad: ["many", "1.5", ""], good: "50", place: "advanced" },
  { field: "tol", label: "Tolerance", bad: ["abc", "-1", ""], good: "0.001", place: "advanced" },
  { field: "seed", label: "Seed", bad: ["abc", "-3", "", "4.2"], good: "7", place: "advanced" },
];

/** The pane on 30 rows, with a runner that notes every job it is given. */
async function pane() {
  const host = fakeHost(sampleRange(blobRows(30)));
  const jobs: Job[] = [];
  const runner = {
    run: (job: Job, o?: Parameters<typeof inlineRunner.run>[1]): Promise<JobOutput> => {
      jobs.push(job);
      return inlineRunner.run(job, o);
    },
  };
  const user = userEvent.setup();
  render(<App host={host} runner={runner} theme={webLightTheme} />);
  await screen.findByText("Sheet1!A1:C31");
  const cluster = screen.getByText("Cluster", { selector: "button" });
  const enabled = () => !cluster.hasAttribute("disabled");
  await waitFor(() => expect(enabled()).toBe(true));
  return { host, jobs, user, cluster, enabled };
}

test.each(CASES)(
  "$label: bad text is shown as typed with its problem; a valid number recovers",
  async (c) => {
    const { jobs, user, cluster, enabled } = await pane();
    if (c.place === "chooseK") await user.click(screen.getByLabelText("Choose k for me"));
    if (c.place === "advanced") await user.click(screen.getByText("Advanced").closest("button")!);
    const input = (await screen.findByLabelText(c.label)) as HTMLInputElement;
    const problem = NUMBER_RULES[c.field].problem;
    for (const bad of c.bad) {
      await user.clear(input);
      if (bad !== "") await user.type(input, bad);
      // What was typed stays in the field, the field says what is wrong, and Cluster waits.
      expect(input.value).toBe(bad);
      expect(screen.getByText(problem)).toBeTruthy();
      expect(input.getAttribute("aria-invalid")).toBe("true");
      expect(enabled()).toBe(false);
      expect(screen.getByText(`Cluster waits for a valid value in ${c.label}.`)).toBeTruthy();
      // Leaving the field keeps the text and the problem (Fluent's SpinButton commits its text on blur).
      await user.tab();
      expect(input.value).toBe(bad);
      expect(enabled()).toBe(false);
      // A valid number typed over it recovers at once, without leaving the field.
      await user.clear(input);
      await user.type(input, c.good);
      expect(input.value).toBe(c.good);
      expect(screen.queryByText(problem)).toBeNull();
      expect(input.getAttribute("aria-invalid")).not.toBe("true");
      expect(enabled()).toBe(true);
    }
    await user.click(cluster);
    await waitFor(() => expect(jobs).toHaveLength(1));
    const settings = jobs[0].settings as unknown as Record<string, number>;
    expect(settings[c.field]).toBe(Number(c.good));
  },
);

test("the arrows step from a valid value and from typed text; the option follows", async () => {
  const { host, user, cluster } = await pane();
  const k = (await screen.findByLabelText("Number of clusters (k)")) as HTMLInputElement;
  await user.click(screen.getAllByLabelText("Increment value")[0]);
  expect(k.value).toBe("4");
  await user.clear(k);
  await user.type(k, "abc");
  expect(cluster.hasAttribute("disabled")).toBe(true);
  await user.clear(k);
  await user.type(k, "6{ArrowDown}");
  expect(k.value).toBe("5");
  expect(cluster.hasAttribute("disabled")).toBe(false);
  await user.click(cluster);
  await screen.findByTestId("result-summary");
  expect(host.records[0].settings).toMatchObject({ k: 5 });
});

test("Re-run shows the stored run's values in the fields, replacing text that was not valid", async () => {
  const { host, user, cluster } = await pane();
  const k = (await screen.findByLabelText("Number of clusters (k)")) as HTMLInputElement;
  await user.clear(k);
  await user.type(k, "5");
  await user.click(cluster);
  await screen.findByTestId("result-summary");
  await user.clear(k);
  await user.type(k, "oops");
  const rerun = (await screen.findByText(/Re-run last/)).closest("button")!;
  await user.click(rerun);
  await waitFor(() => expect(host.records).toHaveLength(2));
  expect(host.records[1].settings).toMatchObject({ k: 5 });
  expect(k.value).toBe("5");
  expect(k.getAttribute("aria-invalid")).not.toBe("true");
});
