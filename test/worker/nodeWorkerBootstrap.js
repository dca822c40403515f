// A worker_threads script must be JavaScript: compile the TypeScript entry (and the src it imports) on load.
require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs" } });
require("./nodeWorkerEntry.ts");
