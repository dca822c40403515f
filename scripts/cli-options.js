// The command-line options of scripts/build.js and scripts/serve-dist.js: `--name value` or `--name=value`,
// each name one the script knows; anything else is refused with the list of what it takes.
"use strict";

/**
 * @param {string[]} argv the arguments after the script's name
 * @param {string[]} known the option names, without "--"
 * @returns {Record<string, string>}
 */
function parseOptions(argv, known) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match || !known.includes(match[1])) {
      const list = known.map((k) => `--${k}`).join(", ");
      throw new Error(`unknown argument "${argv[i]}" (options: ${list})`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw new Error(`--${match[1]} needs a value`);
    options[match[1]] = value;
  }
  return options;
}

module.exports = { parseOptions };
