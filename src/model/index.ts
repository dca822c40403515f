/** What a clustering run is, whatever clusters it: settings, their limits and check, and the report. */
export * from "./limits";
export * from "./settings";
export * from "./validate";
export * from "./report";
export * from "./progress";
export * from "./build";
export * from "./describe";
