import * as fs from "fs";
import * as path from "path";

interface ValidationResult {
  errors: string[];
  warnings: string[];
}
interface ManifestValidator {
  validateManifest(xml: string, options?: { assetsDir?: string }): Promise<ValidationResult>;
  validateManifestFile(file?: string): Promise<ValidationResult>;
}

// scripts/validate-manifest.js is plain CommonJS (it runs with `node`), so it is loaded with require.
const validator = require("../../scripts/validate-manifest") as ManifestValidator;

const ROOT = path.join(__dirname, "..", "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const ID = "f2806851-d266-4574-a5db-9607225147b8";

function validate(xml: string): Promise<ValidationResult> {
  return validator.validateManifest(xml, { assetsDir: path.join(ROOT, "assets") });
}

/** The manifest with `from` replaced by `to`; fails the test if `from` is not in it. */
function mutate(from: string | RegExp, to: string): string {
  const mutated = MANIFEST.replace(from, to);
  expect(mutated).not.toBe(MANIFEST);
  return mutated;
}

async function expectError(xml: string, ...fragments: string[]): Promise<void> {
  const { errors } = await validate(xml);
  for (const fragment of fragments) {
    expect(errors).toEqual(expect.arrayContaining([expect.stringContaining(fragment)]));
  }
}

const RUNTIMES = /\s*<!--[^>]*-->\s*<Runtimes>[\s\S]*?<\/Runtimes>/;

describe("manifest.xml", () => {
  it("passes every check, with no warnings", async () => {
    const result = await validator.validateManifestFile(path.join(ROOT, "manifest.xml"));
    expect(result).toEqual({ errors: [], warnings: [] });
  });

  it("uses the fixed id and one shared runtime page for the task pane, commands and custom functions", () => {
    expect(MANIFEST).toContain(`<Id>${ID}</Id>`);
    expect(MANIFEST).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(MANIFEST).toContain(
      '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
    );
    expect(MANIFEST).toContain('<FunctionFile resid="Taskpane.Url"/>');
    expect(MANIFEST).toContain('<bt:String id="Functions.Namespace" DefaultValue="KMEANS"/>');
  });
});

describe("validateManifest", () => {
  it("rejects XML that is not well-formed", async () => {
    await expectError(mutate("</DesktopFormFactor>", "</DesktopFormFactr>"), "not well-formed XML");
  });

  it("rejects another root element", async () => {
    await expectError('<?xml version="1.0"?><Manifest/>', "root element is <Manifest>, expected <OfficeApp>");
  });

  it("rejects an undefined resid", async () => {
    await expectError(
      mutate('<Label resid="KMeans.Group.Label"/>', '<Label resid="KMeans.Missing"/>'),
      'resid "KMeans.Missing" of <Label>',
      "is not defined in <Resources>",
    );
  });

  it("warns about a resource nobody uses", async () => {
    const xml = mutate(
      "</bt:ShortStrings>",
      '  <bt:String id="Unused.Label" DefaultValue="x"/>\n      </bt:ShortStrings>',
    );
    const { errors, warnings } = await validate(xml);
    expect(errors).toEqual([]);
    expect(warnings).toEqual(['resource "Unused.Label" is defined but never used']);
  });

  it("rejects a resource id defined twice", async () => {
    await expectError(
      mutate('<bt:String id="KMeans.Group.Label"', '<bt:String id="GetStarted.Title"'),
      'resource id "GetStarted.Title" is defined 2 times',
    );
  });

  it("rejects a resid that names the wrong kind of resource", async () => {
    await expectError(
      mutate('<Label resid="KMeans.Group.Label"/>', '<Label resid="Taskpane.Url"/>'),
      'resid "Taskpane.Url" of <Label>',
      "must name an entry of <bt:ShortStrings>, not of <bt:Urls>",
    );
  });

  it("rejects <Runtimes> outside VersionOverrides/Hosts/Host", async () => {
    const xml = mutate(RUNTIMES, "").replace(
      "<DesktopFormFactor>",
      '<DesktopFormFactor>\n<Runtimes><Runtime resid="Taskpane.Url" lifetime="long"/></Runtimes>',
    );
    await expectError(
      xml,
      "<Runtimes> must be inside VersionOverrides/Hosts/Host, but is at " +
        "OfficeApp/VersionOverrides/Hosts/Host/DesktopFormFactor/Runtimes",
    );
  });

  it("rejects <Runtimes> that is not the first child of <Host>", async () => {
    const runtimes = RUNTIMES.exec(MANIFEST)![0];
    const xml = mutate(RUNTIMES, "").replace("</AllFormFactors>", `</AllFormFactors>${runtimes}`);
    await expectError(xml, "<Runtimes> must be the first child of <Host> (it comes after <AllFormFactors>)");
  });

  it("rejects a manifest without a shared runtime", async () => {
    await expectError(mutate(RUNTIMES, ""), "no <Runtimes> element");
  });

  it("rejects a short-lived runtime", async () => {
    await expectError(mutate('lifetime="long"', 'lifetime="short"'), 'lifetime is "short", expected "long"');
  });

  it("rejects a custom functions page other than the shared runtime's", async () => {
    await expectError(
      mutate(/(<Page>\s*<SourceLocation resid=")Taskpane\.Url/, "$1Functions.Script.Url"),
      'custom functions page resid "Functions.Script.Url" differs from the shared runtime resid "Taskpane.Url"',
    );
  });

  it("rejects an Id that is not a GUID", async () => {
    await expectError(
      mutate(`<Id>${ID}</Id>`, "<Id>k-means-for-excel</Id>"),
      'Id "k-means-for-excel" is not a GUID',
    );
  });

  it("rejects an http URL", async () => {
    await expectError(
      mutate('"https://localhost:3000/functions.json"', '"http://localhost:3000/functions.json"'),
      'resource "Functions.Metadata.Url": URL must use https: http://localhost:3000/functions.json',
    );
  });

  it("rejects a URL on another origin", async () => {
    await expectError(
      mutate('"https://localhost:3000/functions.js"', '"https://cdn.example.com/functions.js"'),
      "URL https://cdn.example.com/functions.js is not on the add-in's origin https://localhost:3000",
    );
  });

  it("rejects a URL on the origin but outside the task pane's folder", async () => {
    const hosted = MANIFEST.split("https://localhost:3000/").join("https://example.org/kmeans/");
    const { errors } = await validate(hosted);
    expect(errors).toEqual([]);
    await expectError(
      hosted.replace('"https://example.org/kmeans/functions.js"', '"https://example.org/other/functions.js"'),
      "URL https://example.org/other/functions.js is not under the add-in's base URL https://example.org/kmeans/",
    );
  });

  it("rejects an AppDomain with a path", async () => {
    await expectError(
      mutate(
        "<AppDomain>https://localhost:3000</AppDomain>",
        "<AppDomain>https://localhost:3000/kmeans</AppDomain>",
      ),
      "<AppDomain>: an AppDomain is an origin, with no path: https://localhost:3000/kmeans",
    );
  });

  it("rejects a missing icon", async () => {
    await expectError(
      mutate("assets/icon-80.png", "assets/icon-81.png"),
      'resource "Icon.80x80": icon https://localhost:3000/assets/icon-81.png',
      "icon-81.png does not exist",
    );
  });

  it("rejects an icon of the wrong size", async () => {
    await expectError(
      mutate(
        'DefaultValue="https://localhost:3000/assets/icon-16.png"',
        'DefaultValue="https://localhost:3000/assets/icon-32.png"',
      ),
      "icon-32.png is 32x32 pixels, expected 16x16",
    );
  });

  it("rejects a manifest without the SharedRuntime requirement set", async () => {
    await expectError(
      mutate(/\s*<Set Name="SharedRuntime" MinVersion="1.1"\/>/, ""),
      "requirement set SharedRuntime is not declared",
    );
  });

  it("rejects CustomFunctionsRuntime 1.1: the functions' error messages need 1.2", async () => {
    await expectError(
      mutate(
        '<Set Name="CustomFunctionsRuntime" MinVersion="1.2"/>',
        '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>',
      ),
      "requirement set CustomFunctionsRuntime must have MinVersion 1.2 or more",
    );
  });

  it("rejects base elements out of schema order", async () => {
    await expectError(
      mutate(/(<Id>[^<]*<\/Id>)(\s*)(<Version>[^<]*<\/Version>)/, "$3$2$1"),
      "<Id> must come before <Version>",
    );
  });
});
