/**
 * The rooms of src/ and what each may import: the README's architecture section draws this, and
 * eslint.config.js enforces it (eslint-plugin-boundaries) in `npm run lint`, part of `npm test`.
 * Each room may import itself and the rooms listed; anything else is a lint error.
 */
module.exports = {
  engine: [],
  model: ["engine"],
  analysis: ["engine", "model"],
  worker: ["engine", "model", "analysis"],
  excel: ["engine", "model"],
  functions: ["engine", "model", "worker", "excel"],
  taskpane: ["engine", "model", "worker", "excel"],
  commands: [],
};
