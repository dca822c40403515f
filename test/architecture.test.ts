/**
 * The import rules between src/'s rooms (architecture.js) are enforced by eslint-plugin-boundaries in
 * `npm run lint`; these tests prove the rules bite (a forbidden import is an error, an allowed one is not)
 * and that the README's architecture section draws the same rules.
 */
import * as fs from "fs";
import * as path from "path";
import { ESLint } from "eslint";

const ROOMS: Record<string, string[]> = require("../architecture");
// The project's own config, given directly: ESLint's loader imports it dynamically, which jest's VM refuses.
const config = require("../eslint.config.js");
const root = path.join(__dirname, "..");
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

/** A module of each room to import: it must resolve, or there is no dependency to judge. */
function moduleOf(room: string): string {
  const dir = path.join(root, "src", room);
  if (fs.existsSync(path.join(dir, "index.ts"))) return room;
  const file = fs.readdirSync(dir).find((f) => /\.tsx?$/.test(f))!;
  return `${room}/${file.replace(/\.tsx?$/, "")}`;
}

async function boundaryErrors(room: string, target: string): Promise<string[]> {
  const code = `import * as x from "../${moduleOf(target)}";\nexport const y = x;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(root, "src", room, "zz-probe.ts") });
  return result.messages.filter((m) => m.ruleId?.startsWith("boundaries/")).map((m) => m.message);
}

const pairs = Object.keys(ROOMS).flatMap((from) =>
  Object.keys(ROOMS)
    .filter((to) => to !== from)
    .map((to) => [from, to, ROOMS[from].includes(to)] as const),
);

test.each(pairs)("src/%s importing src/%s: allowed is %s", async (from, to, allowed) => {
  const errors = await boundaryErrors(from, to);
  if (allowed) expect(errors).toEqual([]);
  else expect(errors.join(" ")).toContain(`from elements of type "${from}" to elements of type "${to}"`);
});

test("every folder of src/ is a room with rules", () => {
  const folders = fs
    .readdirSync(path.join(root, "src"), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  expect(folders).toEqual(Object.keys(ROOMS).sort());
});

test("the README's architecture table lists what each room may import, as enforced", () => {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("## Architecture"),
    readme.indexOf("\n## ", readme.indexOf("## Architecture") + 1),
  );
  const rows = [...section.matchAll(/^\|\s*`src\/(\w+)\/`\s*\|[^|]*\|([^|]*)\|$/gm)].map(([, room, may]) => [
    room,
    may.trim() === "nothing" ? [] : may.split(",").map((m) => m.trim().replace(/^`src\/|\/`$/g, "")),
  ]);
  expect(Object.fromEntries(rows)).toEqual(ROOMS);
});

test("the README's engine table says which engine folders each one imports, as the code does", () => {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const start = readme.indexOf("## The engine");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  const documented = Object.fromEntries(
    [...section.matchAll(/^\|\s*`(\w+)\/`\s*\|[^|]*\|([^|]*)\|$/gm)].map(([, folder, uses]) => [
      folder,
      uses.trim() === "nothing" ? [] : uses.split(",").map((u) => u.trim().replace(/^`|\/`$/g, "")),
    ]),
  );
  const engine = path.join(root, "src", "engine");
  const folders = fs
    .readdirSync(engine, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const imported = Object.fromEntries(
    folders.map((folder) => {
      const used = new Set<string>();
      for (const file of fs.readdirSync(path.join(engine, folder))) {
        const text = fs.readFileSync(path.join(engine, folder, file), "utf8");
        for (const [, other] of text.matchAll(/from "\.\.\/(\w+)\//g)) used.add(other);
      }
      return [folder, [...used].sort()];
    }),
  );
  expect(Object.keys(documented).sort()).toEqual(folders.sort());
  for (const folder of folders)
    expect([folder, [...documented[folder]].sort()]).toEqual([folder, imported[folder]]);
});
