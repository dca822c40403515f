// npm run test:excel-coverage: the line "Office.js members used in src/excel: N; exercised through
// Microsoft's client: M", from the code (test/host/coverage/members.ts) and from what the test workbook
// answered during the last jest run (test/host/coverage/report.ts). Exits 1 when M < N or jest has not run.
require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });

const { membersUsed } = require("../test/host/coverage/members");
const { runReport } = require("../test/host/coverage/report");

const { excel, client } = membersUsed("src/excel");
const { lines, exitCode } = runReport(excel, client);
for (const line of lines) console.log(line);
process.exitCode = exitCode;
