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

// findBy* and waitFor wait for a condition; on a shared 2-core machine a render can take far longer than
// Testing Library's default second, so they may wait up to 10 s (they return as soon as it holds).
if (typeof window !== "undefined") {
  (require("@testing-library/dom") as typeof import("@testing-library/dom")).configure({
    asyncUtilTimeout: 10_000,
  });
}
