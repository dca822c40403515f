/** scripts/manifest-for.js: the manifest a build ships for a host, and the --origin it is given. */
import * as fs from "fs";
import * as path from "path";

interface ManifestFor {
  DEV_ORIGIN: string;
  parseBase(text: string): { base: string; origin: string; path: string };
  manifestVersion(packageVersion: string): string;
  manifestFor(xml: string, options: { base?: string; version: string }): string;
}
const { DEV_ORIGIN, parseBase, manifestVersion, manifestFor } =
  require("../../scripts/manifest-for") as ManifestFor;

const ROOT = path.join(__dirname, "..", "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  version: string;
  scripts: Record<string, string>;
};

describe("parseBase", () => {
  it("takes an origin with or without a folder, with or without the trailing slash", () => {
    expect(parseBase("https://example.org/kmeans/")).toEqual({
      base: "https://example.org/kmeans",
      origin: "https://example.org",
      path: "/kmeans/",
    });
    expect(parseBase(" https://example.org/a/b ")).toMatchObject({
      base: "https://example.org/a/b",
      path: "/a/b/",
    });
    expect(parseBase("https://addins.contoso.com:8443")).toEqual({
      base: "https://addins.contoso.com:8443",
      origin: "https://addins.contoso.com:8443",
      path: "/",
    });
  });

  it.each([
    ["example.org/kmeans", "is not a URL"],
    ["http://example.org/kmeans/", "must use https"],
    ["https://me:secret@example.org/", "must not hold a user name or password"],
    ["https://example.org/kmeans/?v=2", "must not have a query (?) or fragment (#)"],
    ["https://example.org/kmeans/#top", "must not have a query (?) or fragment (#)"],
  ])("refuses %s: %s", (text, message) => {
    expect(() => parseBase(text)).toThrow(message);
  });
});

describe("manifestVersion", () => {
  it("adds the fourth part Office's manifest version has", () => {
    expect(manifestVersion("0.1.0")).toBe("0.1.0.0");
    expect(manifestVersion("12.34.56")).toBe("12.34.56.0");
  });

  it.each(["1.2", "1.2.3-beta.1", "1.2.123456", "v1.2.3"])("refuses %s", (v) => {
    expect(() => manifestVersion(v)).toThrow(`package.json version "${v}" is not major.minor.patch`);
  });
});

describe("manifestFor", () => {
  const built = manifestFor(MANIFEST, { base: "https://example.org/kmeans", version: "3.4.5.0" });

  it("moves every development URL under the base, keeping each file's path", () => {
    const before = [...MANIFEST.matchAll(/DefaultValue="https:\/\/localhost:3000\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    const after = [...built.matchAll(/DefaultValue="https:\/\/example\.org\/kmeans\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(before.length).toBeGreaterThan(8);
    expect(after).toEqual(before);
    expect(built).not.toContain("localhost");
  });

  it("makes the AppDomain the host's origin, never a path", () => {
    expect(built).toContain("<AppDomain>https://example.org</AppDomain>");
  });

  it("sets the version and changes nothing else", () => {
    expect(built).toContain("<Version>3.4.5.0</Version>");
    const undo = built
      .split("https://example.org/kmeans/")
      .join(DEV_ORIGIN + "/")
      .replace("<AppDomain>https://example.org</AppDomain>", `<AppDomain>${DEV_ORIGIN}</AppDomain>`)
      .replace("<Version>3.4.5.0</Version>", /<Version>[^<]*<\/Version>/.exec(MANIFEST)![0]);
    expect(undo).toBe(MANIFEST);
  });

  it("refuses a manifest naming the development origin in a form it cannot move", () => {
    const odd = MANIFEST.replace("</OfficeApp>", "<!-- served from https://localhost:3000 --></OfficeApp>");
    expect(() => manifestFor(odd, { base: "https://example.org/kmeans", version: "1.0.0.0" })).toThrow(
      "manifest.xml names https://localhost:3000 in a form the build cannot move to https://example.org/kmeans",
    );
  });
});

describe("manifest.xml and package.json", () => {
  it("carry the same version, which `npm version` keeps in step", () => {
    expect(MANIFEST).toContain(`<Version>${manifestVersion(PACKAGE.version)}</Version>`);
    expect(PACKAGE.scripts.version).toBe(
      "node scripts/manifest-for.js --sync-version && git add manifest.xml",
    );
  });
});
