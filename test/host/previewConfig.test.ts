/**
 * The preview page is development-only: the production configuration (npm run build) has no test host and
 * no preview.html; the dev server's (npm start, webpack serve) adds them, and never to taskpane.html.
 */
import * as path from "path";

const { createConfig } = require(path.join(__dirname, "..", "..", "webpack.config.js")) as {
  createConfig(options: { mode: string; preview?: boolean }): {
    entry: Record<string, string>;
    plugins: { userOptions?: { filename?: string; chunks?: string[] } }[];
  };
};

function pages(config: ReturnType<typeof createConfig>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of config.plugins) {
    if (p.userOptions?.filename?.endsWith(".html")) out[p.userOptions.filename] = p.userOptions.chunks ?? [];
  }
  return out;
}

test("the production build has neither the test host nor the preview page", () => {
  const config = createConfig({ mode: "production" });
  expect(Object.values(config.entry).some((e) => e.includes("test/"))).toBe(false);
  expect(Object.keys(pages(config))).toEqual(["taskpane.html"]);
});

test("the development build with preview: the test host first, then the add-in's own bundles", () => {
  const config = createConfig({ mode: "development", preview: true });
  const html = pages(config);
  expect(html["preview.html"][0]).toBe("preview-host");
  expect(config.entry["preview-host"]).toBe("./test/host/browser.ts");
  expect(html["preview.html"].slice(1)).toEqual(html["taskpane.html"]);
  expect(html["taskpane.html"]).not.toContain("preview-host");
});
