const boundaries = require("eslint-plugin-boundaries");
const officeAddins = require("eslint-plugin-office-addins");
const tseslint = require("typescript-eslint");
const ROOMS = require("./architecture");

// The plugin's recommended set. Its TypeScript block loses its parser through a default-import bug
// (it falls back to espree), so the parser is set here, and the block also covers .tsx files.
const [jsRecommended, prettierOff, addinBlock] = officeAddins.configs.recommended;

module.exports = [
  { ignores: ["node_modules/", "dist/", "build/", "coverage/"] },
  jsRecommended,
  prettierOff,
  {
    ...addinBlock,
    files: ["**/*.ts", "**/*.tsx", "**/*.js"],
    languageOptions: { ...addinBlock.languageOptions, parser: tseslint.parser, ecmaVersion: "latest" },
  },
  {
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        process: "readonly",
        console: "readonly",
      },
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    // TypeScript itself checks undefined names, with DOM, worker and Node types.
    rules: { "no-undef": "off" },
  },
  {
    // The import rules between src/'s rooms (architecture.js). A file outside every room is refused
    // too, so a new folder must be given its place in the rules before it can be imported.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: "tsconfig.json" } },
      "boundaries/elements": Object.keys(ROOMS).map((room) => ({ type: room, pattern: `src/${room}` })),
    },
    rules: {
      "boundaries/no-unknown-files": "error",
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          policies: Object.entries(ROOMS).map(([room, allowed]) => ({
            from: { element: { type: room } },
            allow: { to: { element: { types: { anyOf: [room, ...allowed] } } } },
          })),
        },
      ],
    },
  },
];
