/**
 * jest globalSetup: removes the answered-members files of earlier runs, so the coverage line of
 * `npm run test:excel-coverage` reflects this run only (test/host/coverage/report.ts).
 */
import { resetCoverageDir } from "../host/coverage/report";

export default function excelCoverageReset(): void {
  resetCoverageDir();
}
