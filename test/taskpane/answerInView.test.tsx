/** @jest-environment jsdom */
/**
 * After Cluster, the answer is brought into view: the options above the status region are taller than a
 * task pane, so progress and then the summary, an error or the recommendation would otherwise sit below
 * the fold. jsdom has no layout and no scrollIntoView; a recorder stands in for it.
 */
import { webLightTheme } from "@fluentui/react-components";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { blobRows, fakeHost, inlineRunner, manualRunner, sampleRange } from "./fakes";

jest.setTimeout(60_000);

type Scroll = { element: Element; options: unknown };
let scrolls: Scroll[] = [];
const had = "scrollIntoView" in Element.prototype;
const original = Element.prototype.scrollIntoView;

beforeEach(() => {
  scrolls = [];
  Element.prototype.scrollIntoView = function (this: Element, options?: unknown) {
    scrolls.push({ element: this, options });
  };
});
afterEach(() => {
  if (had) Element.prototype.scrollIntoView = original;
  else delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
});

async function clusterButton(address = "Sheet1!A1:C31") {
  await screen.findByText(address);
  const cluster = screen.getByText("Cluster", { selector: "button" });
  await waitFor(() => expect(cluster.hasAttribute("disabled")).toBe(false));
  return cluster;
}

/** What was scrolled to, as "which element, how": the status region, or something else. */
const scrolled = () =>
  scrolls.map((s) => ({
    status: s.element === screen.getByTestId("status"),
    options: s.options,
  }));

test("the progress and then the summary are scrolled into view, to the nearest edge, once each", async () => {
  const runner = manualRunner();
  render(<App host={fakeHost(sampleRange(blobRows(30)))} runner={runner} theme={webLightTheme} />);
  fireEvent.click(await clusterButton());
  await waitFor(() => expect(runner.calls).toBe(1));
  expect(screen.getByTestId("status").querySelector('[role="progressbar"]')).not.toBeNull();
  expect(scrolled()).toEqual([{ status: true, options: { block: "nearest" } }]);
  // Progress within the run does not scroll again: the user may have scrolled away on purpose.
  act(() => runner.progress({ fraction: 0.5, message: "Run 5 of 10" }));
  await screen.findByText("Run 5 of 10");
  expect(scrolls).toHaveLength(1);
  act(() => runner.release());
  const summary = await screen.findByTestId("result-summary");
  await waitFor(() => expect(scrolls).toHaveLength(2));
  expect(scrolled()[1]).toEqual({ status: true, options: { block: "nearest" } });
  expect(screen.getByTestId("status").contains(summary)).toBe(true);
});

test("an error and the recommendation are brought into view too", async () => {
  const host = fakeHost(sampleRange(blobRows(2)));
  const { unmount } = render(<App host={host} runner={inlineRunner} theme={webLightTheme} />);
  fireEvent.click(await clusterButton("Sheet1!A1:C3"));
  const error = await screen.findByText(/needs at least 3 usable rows/);
  expect(screen.getByTestId("status").contains(error)).toBe(true);
  await waitFor(() => expect(scrolled().at(-1)).toEqual({ status: true, options: { block: "nearest" } }));
  unmount();

  scrolls = [];
  render(<App host={fakeHost(sampleRange(blobRows(30)))} runner={inlineRunner} theme={webLightTheme} />);
  fireEvent.click(await screen.findByLabelText("Choose k for me"));
  fireEvent.click(await clusterButton());
  const rec = await screen.findByTestId("recommendation");
  expect(screen.getByTestId("status").contains(rec)).toBe(true);
  await waitFor(() => expect(scrolled().at(-1)).toEqual({ status: true, options: { block: "nearest" } }));
});

test("without scrollIntoView (jsdom, old webviews) the pane works as before", async () => {
  delete (Element.prototype as { scrollIntoView?: unknown }).scrollIntoView;
  render(<App host={fakeHost(sampleRange(blobRows(30)))} runner={inlineRunner} theme={webLightTheme} />);
  fireEvent.click(await clusterButton());
  expect(await screen.findByTestId("result-summary")).toBeTruthy();
});
