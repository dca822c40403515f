// jsdom lacks ResizeObserver, which Fluent UI's MessageBar uses to reflow; the pane's tests need none of
// its measurements, so an observer that never fires is enough.
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  class NoopResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.assign(window, { ResizeObserver: NoopResizeObserver });
}

// findBy* and waitFor wait for a condition and return as soon as it holds; on a shared 2-core machine a
// render can take far longer than Testing Library's default second. The bound only decides how long a
// failing wait takes to say so, so it is generous: 30 s, under the 60 s the pane's test files allow a test,
// so that a wait that never comes true still fails with Testing Library's message and the DOM it saw.
if (typeof window !== "undefined") {
  (require("@testing-library/dom") as typeof import("@testing-library/dom")).configure({
    asyncUtilTimeout: 30_000,
  });
}
