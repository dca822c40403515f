/**
 * Which of Microsoft's Excel client scripts stands for each platform: the host script Office.js's loader
 * picks, from the package's dist/ (as the CDN serves it under OFFICE_CDN). Shared by the Node loader
 * (client.ts) and the browser (browser.ts, test/browser/harness.ts).
 */
import type { Platform } from "./workbook";

export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

export const CLIENT_SCRIPTS: Record<Platform, string> = {
  web: "excel-web-16.00.js",
  windows: "excel-win32-16.01.js",
  mac: "excel-mac-16.00.js",
};
