/** scripts/cli-options.js: the options of `npm run build` and `npm run serve:dist`. */
const { parseOptions } = require("../../scripts/cli-options") as {
  parseOptions(argv: string[], known: string[]): Record<string, string>;
};

test("takes --name value and --name=value", () => {
  expect(
    parseOptions(["--origin", "https://example.org/kmeans/", "--out=build/x"], ["origin", "out"]),
  ).toEqual({
    origin: "https://example.org/kmeans/",
    out: "build/x",
  });
});

test("refuses an option it does not know, listing those it does", () => {
  expect(() => parseOptions(["--orign", "x"], ["origin", "out"])).toThrow(
    'unknown argument "--orign" (options: --origin, --out)',
  );
  expect(() => parseOptions(["dist"], ["dir"])).toThrow('unknown argument "dist" (options: --dir)');
});

test("refuses an option without its value", () => {
  expect(() => parseOptions(["--port"], ["port"])).toThrow("--port needs a value");
  expect(() => parseOptions(["--cert", "--key", "k"], ["cert", "key"])).toThrow("--cert needs a value");
});
