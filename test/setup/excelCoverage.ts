/**
 * Collects the Excel API members the test workbook answered in one test file (jest setupFilesAfterEnv), for
 * the coverage line of `npm run test:excel-coverage` (test/host/coverage/report.ts).
 *
 * Set before the test file loads, so servers built at module scope are collected too: every
 * `Server` (test/host/server/protocol.ts) pushes itself onto `globalThis.__excelServers`.
 */
import { writeAnswered } from "../host/coverage/report";

type AnsweringServer = { answered: ReadonlySet<string> };
const collected: AnsweringServer[] = [];
(globalThis as { __excelServers?: AnsweringServer[] }).__excelServers = collected;

afterAll(() => {
  const union = new Set<string>();
  for (const server of collected) for (const member of server.answered) union.add(member);
  writeAnswered(union);
});
