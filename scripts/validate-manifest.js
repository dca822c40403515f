#!/usr/bin/env node
/* global Buffer, URL */
// Offline checks of the add-in manifest (`npm run validate`, part of `npm test`).
//
// `office-addin-manifest validate` posts the manifest to an online service; this script checks, with no
// network, what that service and Office would reject or what this add-in depends on:
//   - well-formed XML, root <OfficeApp xsi:type="TaskPaneApp"> (schema 1.1), base elements in schema order,
//     Id a GUID, Version a.b.c.d, the Workbook host;
//   - every resid="..." defined exactly once among the Resources (bt:Images, bt:Urls, bt:ShortStrings,
//     bt:LongStrings), of the right kind, at most 32 characters; unused resources (warning);
//   - every URL https and, except AppDomains, under the base URL of DefaultSettings/SourceLocation (its
//     origin and folder: a build for https://example.org/kmeans/ keeps every file under /kmeans/);
//     AppDomains are origins, with no path;
//   - icons: the PNG files in assets/ exist and have the pixel size the manifest says;
//   - the shared runtime: <Runtimes> the first child of VersionOverrides/Hosts/Host, one long-lived
//     <Runtime> whose resid is also the task pane's, the custom functions page's and the FunctionFile's;
//   - requirement sets SharedRuntime (and CustomFunctionsRuntime with custom functions) declared.
//
// Usage: node scripts/validate-manifest.js [path/to/manifest.xml]
// Exports validateManifest(xml, options) -> Promise<{ errors, warnings }> and validateManifestFile(file).
"use strict";

const fs = require("fs");
const path = require("path");
const xml2js = require("xml2js");

const ROOT = path.join(__dirname, "..");
const DEFAULT_MANIFEST = path.join(ROOT, "manifest.xml");
const DEFAULT_ASSETS_DIR = path.join(ROOT, "assets");

const NS_OFFICEAPP = "http://schemas.microsoft.com/office/appforoffice/1.1";
const NS_BASICTYPES = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const NS_TASKPANE_OVERRIDES = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;
const MAX_RESID_LENGTH = 32;
const MAX_SHORT_STRING = 125;
const MAX_LONG_STRING = 250;

// Children of <OfficeApp xsi:type="TaskPaneApp">, in the order the schema requires.
const BASE_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "AllowSnapshot",
  "Dictionary",
  "VersionOverrides",
  "ExtendedOverrides",
];
// Those this add-in must have.
const BASE_REQUIRED = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];
const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];

// Resource kinds, by the element of <Resources> that defines them.
const KIND_OF_GROUP = {
  "bt:Images": "bt:Images",
  "bt:Urls": "bt:Urls",
  "bt:ShortStrings": "bt:ShortStrings",
  "bt:LongStrings": "bt:LongStrings",
};
const ENTRY_OF_GROUP = {
  "bt:Images": "bt:Image",
  "bt:Urls": "bt:Url",
  "bt:ShortStrings": "bt:String",
  "bt:LongStrings": "bt:String",
};
// The resource kind a resid must name, by the element that carries it.
const KIND_OF_REFERENCE = {
  "bt:Image": "bt:Images",
  SourceLocation: "bt:Urls",
  FunctionFile: "bt:Urls",
  Runtime: "bt:Urls",
  LearnMoreUrl: "bt:Urls",
  Override: "bt:Urls",
  Label: "bt:ShortStrings",
  Title: "bt:ShortStrings",
  Namespace: "bt:ShortStrings",
  Description: "bt:LongStrings",
};

/**
 * @typedef {{ name: string, attrs: Record<string, string>, text: string, children: XmlNode[],
 *   parent: XmlNode | null }} XmlNode
 */

/** Converts xml2js's ordered-children output into a plain tree. */
function toTree(name, raw, parent) {
  /** @type {XmlNode} */
  const node = { name, attrs: {}, text: "", children: [], parent };
  if (typeof raw === "string") {
    node.text = raw.trim();
    return node;
  }
  node.attrs = raw.$ || {};
  node.text = typeof raw._ === "string" ? raw._.trim() : "";
  for (const child of raw.$$ || []) node.children.push(toTree(child["#name"], child, node));
  return node;
}

async function parse(xml) {
  const parser = new xml2js.Parser({
    explicitChildren: true,
    preserveChildrenOrder: true,
    explicitArray: true,
    charsAsChildren: false,
  });
  const result = await parser.parseStringPromise(xml);
  const [rootName] = Object.keys(result);
  return toTree(rootName, result[rootName], null);
}

function pathOf(node) {
  const names = [];
  for (let n = node; n; n = n.parent) names.unshift(n.name);
  return names.join("/");
}

function child(node, name) {
  return node ? node.children.find((c) => c.name === name) : undefined;
}

function descend(node, ...names) {
  let current = node;
  for (const name of names) current = child(current, name);
  return current;
}

function walk(node, visit) {
  visit(node);
  for (const c of node.children) walk(c, visit);
}

function findAll(node, predicate) {
  const found = [];
  walk(node, (n) => {
    if (predicate(n)) found.push(n);
  });
  return found;
}

/** Width and height of a PNG file, or an error message. */
function pngSize(file) {
  let data;
  try {
    data = fs.readFileSync(file);
  } catch {
    return { error: "does not exist" };
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (
    data.length < 24 ||
    !data.subarray(0, 8).equals(signature) ||
    data.toString("ascii", 12, 16) !== "IHDR"
  ) {
    return { error: "is not a PNG file" };
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/**
 * Checks a manifest.
 * @param {string} xml the manifest's text
 * @param {{ assetsDir?: string }} [options] assetsDir: the folder served as <base URL>assets/ (default assets/)
 * @returns {Promise<{ errors: string[], warnings: string[] }>}
 */
async function validateManifest(xml, options = {}) {
  const assetsDir = options.assetsDir || DEFAULT_ASSETS_DIR;
  const errors = [];
  const warnings = [];

  let root;
  try {
    root = await parse(xml);
  } catch (err) {
    const message = String(err && err.message ? err.message : err)
      .replace(/\s+/g, " ")
      .trim();
    errors.push(`manifest is not well-formed XML: ${message}`);
    return { errors, warnings };
  }

  // Root and namespaces.
  if (root.name !== "OfficeApp") {
    errors.push(`root element is <${root.name}>, expected <OfficeApp>`);
    return { errors, warnings };
  }
  if (root.attrs.xmlns !== NS_OFFICEAPP) {
    errors.push(`<OfficeApp> xmlns is "${root.attrs.xmlns || ""}", expected "${NS_OFFICEAPP}"`);
  }
  if (root.attrs["xsi:type"] !== "TaskPaneApp") {
    errors.push(`<OfficeApp> xsi:type is "${root.attrs["xsi:type"] || ""}", expected "TaskPaneApp"`);
  }
  if (root.attrs["xmlns:bt"] !== NS_BASICTYPES) {
    errors.push(`<OfficeApp> must declare xmlns:bt="${NS_BASICTYPES}"`);
  }

  // Base elements: present and in schema order.
  const names = root.children.map((c) => c.name);
  for (const name of BASE_REQUIRED) {
    if (!names.includes(name)) errors.push(`<OfficeApp> has no <${name}> element`);
  }
  for (const name of names) {
    if (!BASE_ORDER.includes(name)) errors.push(`<OfficeApp> has an unexpected element <${name}>`);
    else if (names.filter((n) => n === name).length > 1)
      errors.push(`<OfficeApp> has more than one <${name}>`);
  }
  const ordered = names.filter((n) => BASE_ORDER.includes(n));
  for (let i = 1; i < ordered.length; i++) {
    if (BASE_ORDER.indexOf(ordered[i]) < BASE_ORDER.indexOf(ordered[i - 1])) {
      errors.push(`<${ordered[i]}> must come before <${ordered[i - 1]}> in <OfficeApp> (schema order)`);
    }
  }

  const id = (child(root, "Id") || { text: "" }).text;
  if (child(root, "Id") && !GUID.test(id)) errors.push(`Id "${id}" is not a GUID`);
  const version = (child(root, "Version") || { text: "" }).text;
  if (child(root, "Version") && !VERSION.test(version)) {
    errors.push(`Version "${version}" is not of the form n.n.n.n`);
  }
  for (const name of ["DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    const element = child(root, name);
    if (element && !element.attrs.DefaultValue) errors.push(`<${name}> has no DefaultValue`);
  }
  const permissions = child(root, "Permissions");
  if (permissions && !PERMISSIONS.includes(permissions.text)) {
    errors.push(`<Permissions> "${permissions.text}" is not one of ${PERMISSIONS.join(", ")}`);
  }
  const hosts = (child(root, "Hosts") || { children: [] }).children;
  if (child(root, "Hosts") && !hosts.some((h) => h.name === "Host" && h.attrs.Name === "Workbook")) {
    errors.push(`<Hosts> does not declare <Host Name="Workbook"/> (Excel)`);
  }
  const sourceLocation = descend(root, "DefaultSettings", "SourceLocation");
  const taskpaneUrl = sourceLocation ? sourceLocation.attrs.DefaultValue : undefined;
  if (child(root, "DefaultSettings") && !taskpaneUrl) {
    errors.push("<DefaultSettings> has no <SourceLocation DefaultValue=...>");
  }

  // Requirement sets.
  const sets = findAll(child(root, "Requirements") || { children: [] }, (n) => n.name === "Set");
  const declared = new Map(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion]));
  const requireSet = (name, minimum, why) => {
    if (!declared.has(name)) {
      errors.push(`requirement set ${name} is not declared in <Requirements> (${why})`);
    } else if (declared.get(name) && Number(declared.get(name)) < Number(minimum)) {
      errors.push(`requirement set ${name} must have MinVersion ${minimum} or more (${why})`);
    }
  };

  // VersionOverrides.
  const overrides = child(root, "VersionOverrides");
  if (!overrides) return finish();
  if (overrides.attrs.xmlns !== NS_TASKPANE_OVERRIDES) {
    errors.push(
      `<VersionOverrides> xmlns is "${overrides.attrs.xmlns || ""}", expected "${NS_TASKPANE_OVERRIDES}"`,
    );
  }
  if (overrides.attrs["xsi:type"] !== "VersionOverridesV1_0") {
    errors.push(
      `<VersionOverrides> xsi:type is "${overrides.attrs["xsi:type"] || ""}", expected "VersionOverridesV1_0" ` +
        "(the task pane schema that allows <Runtimes>)",
    );
  }
  const workbookHost = (child(overrides, "Hosts") || { children: [] }).children.find(
    (h) => h.name === "Host" && h.attrs["xsi:type"] === "Workbook",
  );
  if (!workbookHost) errors.push(`<VersionOverrides>/<Hosts> has no <Host xsi:type="Workbook">`);

  // Resources: definitions.
  /** @type {Map<string, { kind: string, node: XmlNode }[]>} */
  const definitions = new Map();
  const resources = child(overrides, "Resources");
  if (!resources) errors.push("<VersionOverrides> has no <Resources>");
  for (const group of resources ? resources.children : []) {
    const kind = KIND_OF_GROUP[group.name];
    if (!kind) {
      errors.push(`<Resources> has an unexpected element <${group.name}>`);
      continue;
    }
    for (const entry of group.children) {
      if (entry.name !== ENTRY_OF_GROUP[group.name]) {
        errors.push(`<${group.name}> has an unexpected element <${entry.name}>`);
        continue;
      }
      const entryId = entry.attrs.id;
      if (!entryId) {
        errors.push(`<${entry.name}> in <${group.name}> has no id`);
        continue;
      }
      if (!definitions.has(entryId)) definitions.set(entryId, []);
      definitions.get(entryId).push({ kind, node: entry });
      const value = entry.attrs.DefaultValue;
      if (value === undefined || value === "") errors.push(`resource "${entryId}" has no DefaultValue`);
      if (kind === "bt:ShortStrings" && value && value.length > MAX_SHORT_STRING) {
        errors.push(`short string "${entryId}" is longer than ${MAX_SHORT_STRING} characters`);
      }
      if (kind === "bt:LongStrings" && value && value.length > MAX_LONG_STRING) {
        errors.push(`long string "${entryId}" is longer than ${MAX_LONG_STRING} characters`);
      }
    }
  }
  for (const [entryId, defs] of definitions) {
    if (defs.length > 1) {
      errors.push(
        `resource id "${entryId}" is defined ${defs.length} times (in ${defs.map((d) => d.kind).join(", ")}); ` +
          "define it exactly once",
      );
    }
  }
  const definition = (resid) => (definitions.get(resid) || [])[0];
  const urlOf = (resid) => {
    const def = definition(resid);
    return def && def.kind === "bt:Urls" ? def.node.attrs.DefaultValue : undefined;
  };

  // Resources: references.
  const used = new Set();
  const references = findAll(
    overrides,
    (n) => n.attrs.resid !== undefined && !pathOf(n).includes("/Resources/"),
  );
  for (const ref of references) {
    const resid = ref.attrs.resid;
    used.add(resid);
    const where = `<${ref.name}> at ${pathOf(ref)}`;
    if (resid.length > MAX_RESID_LENGTH) {
      errors.push(`resid "${resid}" of ${where} is longer than ${MAX_RESID_LENGTH} characters`);
    }
    const defs = definitions.get(resid);
    if (!defs) {
      errors.push(`resid "${resid}" of ${where} is not defined in <Resources>`);
      continue;
    }
    const expected = KIND_OF_REFERENCE[ref.name];
    if (expected && defs[0].kind !== expected) {
      errors.push(
        `resid "${resid}" of ${where} must name an entry of <${expected}>, not of <${defs[0].kind}>`,
      );
    }
  }
  for (const entryId of definitions.keys()) {
    if (!used.has(entryId)) warnings.push(`resource "${entryId}" is defined but never used`);
  }

  // Shared runtime.
  const runtimesElements = findAll(root, (n) => n.name === "Runtimes");
  let runtimeResid;
  if (runtimesElements.length === 0) {
    errors.push("no <Runtimes> element: the shared runtime is not configured");
  }
  for (const runtimes of runtimesElements) {
    const parent = runtimes.parent;
    const inHost =
      parent &&
      parent.name === "Host" &&
      parent.parent &&
      parent.parent.name === "Hosts" &&
      parent.parent.parent === overrides;
    if (!inHost) {
      errors.push(`<Runtimes> must be inside VersionOverrides/Hosts/Host, but is at ${pathOf(runtimes)}`);
      continue;
    }
    if (parent.children[0] !== runtimes) {
      errors.push(
        `<Runtimes> must be the first child of <Host> (it comes after <${parent.children[0].name}>)`,
      );
    }
    const runtimeList = runtimes.children.filter((c) => c.name === "Runtime");
    if (runtimeList.length !== 1) {
      errors.push(`<Runtimes> must hold exactly one <Runtime>, it holds ${runtimeList.length}`);
    }
    const runtime = runtimeList[0];
    if (runtime) {
      runtimeResid = runtime.attrs.resid;
      if (runtime.attrs.lifetime !== "long") {
        errors.push(
          `<Runtime> lifetime is "${runtime.attrs.lifetime || ""}", expected "long" for the shared runtime`,
        );
      }
    }
  }
  if (runtimesElements.length > 0) requireSet("SharedRuntime", "1.1", "the manifest has <Runtimes>");

  if (runtimeResid) {
    const runtimeUrl = urlOf(runtimeResid);
    if (taskpaneUrl && runtimeUrl && runtimeUrl !== taskpaneUrl) {
      errors.push(
        `shared runtime page ${runtimeUrl} (resid "${runtimeResid}") differs from DefaultSettings/SourceLocation ` +
          taskpaneUrl,
      );
    }
    const sameResid = (nodes, what) => {
      for (const n of nodes) {
        if (n.attrs.resid !== runtimeResid) {
          errors.push(
            `${what} resid "${n.attrs.resid}" differs from the shared runtime resid "${runtimeResid}" ` +
              "(the shared runtime loads only if they are the same)",
          );
        }
      }
    };
    sameResid(
      findAll(overrides, (n) => n.name === "SourceLocation" && n.parent.name === "Action"),
      "task pane (ShowTaskpane action)",
    );
    sameResid(
      findAll(overrides, (n) => n.name === "SourceLocation" && n.parent.name === "Page"),
      "custom functions page",
    );
    sameResid(
      findAll(overrides, (n) => n.name === "FunctionFile"),
      "FunctionFile",
    );
  }

  // Custom functions.
  const customFunctions = findAll(
    overrides,
    (n) => n.name === "ExtensionPoint" && n.attrs["xsi:type"] === "CustomFunctions",
  );
  for (const cf of customFunctions) {
    for (const part of ["Script", "Page", "Metadata"]) {
      if (!descend(cf, part, "SourceLocation"))
        errors.push(`custom functions <${part}> has no <SourceLocation>`);
    }
    if (!child(cf, "Namespace")) errors.push("custom functions have no <Namespace>");
  }
  if (customFunctions.length > 0) {
    requireSet(
      "CustomFunctionsRuntime",
      "1.2",
      "the custom functions return errors with messages (CustomFunctions.Error, 1.2)",
    );
  }

  // Ribbon.
  for (const formFactor of findAll(overrides, (n) => n.name === "DesktopFormFactor")) {
    if (!child(formFactor, "FunctionFile")) errors.push("<DesktopFormFactor> has no <FunctionFile>");
  }
  for (const control of findAll(overrides, (n) => n.name === "Control")) {
    const action = child(control, "Action");
    if (control.attrs["xsi:type"] === "Button" && !action) {
      errors.push(`button "${control.attrs.id || ""}" has no <Action>`);
    }
    if (action && action.attrs["xsi:type"] === "ShowTaskpane" && !child(action, "TaskpaneId")) {
      warnings.push(
        `button "${control.attrs.id || ""}" shows a task pane without <TaskpaneId>: ` +
          "with a shared runtime every task pane must share one TaskpaneId",
      );
    }
  }

  return finish();

  function finish() {
    checkUrlsAndIcons(root, definitions, taskpaneUrl, assetsDir, errors);
    return { errors, warnings };
  }
}

/** URLs: https, under one base URL; icons and other assets/ files: present, PNGs of the right size. */
function checkUrlsAndIcons(root, definitions, taskpaneUrl, assetsDir, errors) {
  // The base: the task pane page's origin and folder ("https://example.org/kmeans/").
  let origin;
  let basePath;
  try {
    const page = taskpaneUrl ? new URL(taskpaneUrl) : undefined;
    origin = page ? page.origin : undefined;
    basePath = page ? page.pathname.replace(/[^/]*$/, "") : undefined;
  } catch {
    origin = undefined;
    basePath = undefined;
  }
  const base = basePath === undefined ? undefined : origin + basePath;
  /** @type {{ url: string, where: string, size?: number, sameOrigin: boolean }[]} */
  const urls = [];
  const topLevel = (name, size) => {
    const element = child(root, name);
    if (element && element.attrs.DefaultValue) {
      urls.push({ url: element.attrs.DefaultValue, where: `<${name}>`, size, sameOrigin: true });
    }
  };
  topLevel("IconUrl", 32);
  topLevel("HighResolutionIconUrl", 64);
  topLevel("SupportUrl");
  if (taskpaneUrl)
    urls.push({ url: taskpaneUrl, where: "<DefaultSettings>/<SourceLocation>", sameOrigin: true });
  for (const domain of findAll(
    child(root, "AppDomains") || { children: [] },
    (n) => n.name === "AppDomain",
  )) {
    urls.push({ url: domain.text, where: "<AppDomain>", sameOrigin: false });
  }
  const overrides = child(root, "VersionOverrides");
  // The pixel size each image resource is used at.
  const sizes = new Map();
  if (overrides) {
    for (const image of findAll(overrides, (n) => n.name === "bt:Image" && n.attrs.resid !== undefined)) {
      const size = Number(image.attrs.size);
      if (!sizes.has(image.attrs.resid)) sizes.set(image.attrs.resid, new Set());
      sizes.get(image.attrs.resid).add(size);
    }
  }
  for (const [entryId, defs] of definitions) {
    for (const def of defs) {
      if (def.kind !== "bt:Urls" && def.kind !== "bt:Images") continue;
      const values = [def.node.attrs.DefaultValue, ...def.node.children.map((o) => o.attrs.Value)];
      for (const value of values.filter(Boolean)) {
        const imageSizes = def.kind === "bt:Images" ? [...(sizes.get(entryId) || [])] : [undefined];
        for (const size of imageSizes) {
          urls.push({ url: value, where: `resource "${entryId}"`, size, sameOrigin: true });
        }
      }
    }
  }

  const checkedFiles = new Set();
  for (const { url, where, size, sameOrigin } of urls) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      errors.push(`${where}: "${url}" is not an absolute URL`);
      continue;
    }
    if (parsed.protocol !== "https:") {
      errors.push(`${where}: URL must use https: ${url}`);
      continue;
    }
    if (!sameOrigin) {
      if (parsed.pathname !== "/" || parsed.search || parsed.hash) {
        errors.push(`${where}: an AppDomain is an origin, with no path: ${url}`);
      }
      continue;
    }
    if (origin && parsed.origin !== origin) {
      errors.push(`${where}: URL ${url} is not on the add-in's origin ${origin}`);
      continue;
    }
    if (base && !(parsed.origin + parsed.pathname).startsWith(base)) {
      errors.push(`${where}: URL ${url} is not under the add-in's base URL ${base}`);
      continue;
    }
    // Files under <base>assets/ are served from assets/: check they exist and, for icons, their size.
    const relative = decodeURIComponent(parsed.pathname.slice(basePath ? basePath.length : 1));
    if (!relative.startsWith("assets/")) {
      if (size !== undefined)
        errors.push(`${where}: icon ${url} is not under ${base || origin + "/"}assets/`);
      continue;
    }
    const file = path.join(assetsDir, relative.slice("assets/".length));
    const shown = path.relative(process.cwd(), file) || file;
    const key = `${file}@${size}`;
    if (checkedFiles.has(key)) continue;
    checkedFiles.add(key);
    if (size === undefined) {
      if (!fs.existsSync(file)) errors.push(`${where}: ${url} has no file ${shown}`);
      continue;
    }
    const png = pngSize(file);
    if (png.error) {
      errors.push(`${where}: icon ${url}: file ${shown} ${png.error}`);
    } else if (png.width !== size || png.height !== size) {
      errors.push(
        `${where}: icon ${url}: file ${shown} is ${png.width}x${png.height} pixels, expected ${size}x${size}`,
      );
    }
  }
}

/** Checks a manifest file; assets are looked up in the assets/ folder beside it. */
async function validateManifestFile(file = DEFAULT_MANIFEST) {
  const xml = fs.readFileSync(file, "utf8");
  return validateManifest(xml, { assetsDir: path.join(path.dirname(path.resolve(file)), "assets") });
}

async function main() {
  const file = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_MANIFEST;
  const shown = path.relative(process.cwd(), file) || file;
  let result;
  try {
    result = await validateManifestFile(file);
  } catch (err) {
    console.error(`error: cannot read ${shown}: ${err.message}`);
    process.exit(1);
  }
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  for (const error of result.errors) console.error(`error: ${error}`);
  if (result.errors.length > 0) {
    console.error(`${shown}: ${result.errors.length} error(s)`);
    process.exit(1);
  }
  console.log(
    `${shown} is valid (offline checks)${result.warnings.length ? `, ${result.warnings.length} warning(s)` : ""}`,
  );
}

if (require.main === module) main();

module.exports = { validateManifest, validateManifestFile };
