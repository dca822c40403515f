/**
 * The Excel API members src/excel names, found with the TypeScript compiler: the first number of the coverage
 * line (`npm run test:excel-coverage`, test/host/coverage/report.ts).
 *
 * Every property access (`range.values`), qualified name (`Excel.Range` in a type) and object destructuring
 * (`const { values } = range`) in the directory's .ts files whose symbol resolves, through aliases, to a
 * declaration in @types/office-js named `Excel.<Type>.<member>` counts as `"<Type>.<member>"`, the form the
 * test workbook records in `Server.answered`. Members named only inside strings do not count: a
 * `load("values, rowCount")` string, an element access `range["values"]`. The code reads what it loads
 * through property accesses, which are counted.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../../..");

/**
 * Members every Excel proxy object has that the client (office-js) implements itself, without a request
 * to Excel, so no workbook can answer them: `load` and `toJSON` only shape a query or read the client's
 * cache (the properties they fetch are counted where the code reads them), `set` is a batch of property
 * writes (counted where assigned), `track`/`untrack` and `context` belong to the request context, and
 * `isNullObject` is worked out by the client from the reply.
 */
export const CLIENT_SIDE_MEMBERS: ReadonlySet<string> = new Set([
  "load",
  "set",
  "toJSON",
  "track",
  "untrack",
  "context",
  "isNullObject",
]);

/**
 * Types of the Excel namespace that are the client's, not Excel's: `Excel.RequestContext` (the batch itself,
 * its `workbook` is the root the client builds) and `Excel.RunOptions` (arguments of `Excel.run`).
 */
const CLIENT_SIDE_TYPES: ReadonlySet<string> = new Set(["RequestContext", "RunOptions"]);

/** Symbols that are members: a bare type, namespace, function (`Excel.run`) or enum member is not. */
const MEMBER_FLAGS = ts.SymbolFlags.Property | ts.SymbolFlags.Method | ts.SymbolFlags.Accessor;

export type MembersUsed = {
  /** Members Excel runs, as "Range.values", sorted. */
  excel: string[];
  /** Members of the client library (the OfficeExtension namespace), as "ClientRequestContext.sync", sorted. */
  client: string[];
};

/** The "Excel.<Type>.<member>" and "OfficeExtension.<Type>.<member>" names of one symbol's declarations. */
function qualifiedNames(checker: ts.TypeChecker, symbol: ts.Symbol): string[] {
  let s = symbol;
  if (s.flags & ts.SymbolFlags.Alias) s = checker.getAliasedSymbol(s);
  // A member of a union (`a.address` on `Range | RangeAreas`) is a synthetic symbol; its declarations are
  // the constituents' members, each with its own name.
  const names: string[] = [];
  for (const declaration of s.declarations ?? []) {
    if (!/[\\/]node_modules[\\/]@types[\\/]office-js[\\/]/.test(declaration.getSourceFile().fileName))
      continue;
    const name = ts.getNameOfDeclaration(declaration);
    const own = name && checker.getSymbolAtLocation(name);
    const member = own ?? s;
    if (member.flags & ts.SymbolFlags.EnumMember || !(member.flags & MEMBER_FLAGS)) continue;
    names.push(checker.getFullyQualifiedName(member));
  }
  return names;
}

/** Excel and client members (`Excel.*` / `OfficeExtension.*` fully qualified names) the files use. */
function membersIn(program: ts.Program, files: ReadonlySet<string>): MembersUsed {
  const checker = program.getTypeChecker();
  const excel = new Set<string>();
  const client = new Set<string>();
  const note = (symbol: ts.Symbol | undefined): void => {
    if (!symbol) return;
    for (const qualified of qualifiedNames(checker, symbol)) {
      const parts = qualified.split(".");
      // Excel.<Type>.<member> only: Excel.Interfaces.RangeData.values and the like are plain data shapes.
      if (parts.length !== 3) continue;
      const [namespace, type, member] = parts;
      if (namespace === "OfficeExtension") client.add(`${type}.${member}`);
      else if (namespace !== "Excel") continue;
      else if (CLIENT_SIDE_TYPES.has(type) || CLIENT_SIDE_MEMBERS.has(member))
        client.add(`${type}.${member}`);
      else excel.add(`${type}.${member}`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) note(checker.getSymbolAtLocation(node.name));
    else if (ts.isQualifiedName(node)) note(checker.getSymbolAtLocation(node.right));
    else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent) && !node.dotDotDotToken) {
      const key = node.propertyName ?? node.name;
      if (ts.isIdentifier(key)) {
        const type = checker.getTypeAtLocation(node.parent);
        note(checker.getPropertyOfType(type, key.text));
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const sourceFile of program.getSourceFiles()) {
    if (files.has(path.resolve(sourceFile.fileName))) visit(sourceFile);
  }
  return { excel: [...excel].sort(), client: [...client].sort() };
}

/** The project's compiler options (tsconfig.json at the repository root). */
function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(ROOT, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true };
}

/** The .ts files of a directory and its subdirectories, as absolute paths. */
function typeScriptFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.resolve(dir, f))
    .sort();
}

/** Both lists for a directory (relative to the repository root, or absolute). */
export function membersUsed(srcDir = "src/excel"): MembersUsed {
  const dir = path.resolve(ROOT, srcDir);
  const files = typeScriptFiles(dir);
  if (files.length === 0) throw new Error(`No .ts files in ${dir}`);
  const program = ts.createProgram(files, compilerOptions());
  return membersIn(program, new Set(files));
}

/** The Excel API members src/excel uses (as "Range.values"), sorted: what the test workbook must answer. */
export function excelMembersUsed(srcDir = "src/excel"): string[] {
  return membersUsed(srcDir).excel;
}

/** The client library's members src/excel uses (OfficeExtension.*, and the client side of Excel.*). */
export function clientMembersUsed(srcDir = "src/excel"): string[] {
  return membersUsed(srcDir).client;
}
