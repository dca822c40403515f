const officeAddins = require("eslint-plugin-office-addins");
const tseslint = require("typescript-eslint");

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
];
