// What the build adds to the functions.json that custom-functions-metadata generates from the JSDoc.
//
// allowErrorForDataTypeAny: without it Excel does not call a function whose `any` argument holds an error
// cell, so a range with one #N/A would never be clustered. The generator has no JSDoc tag for it ("Handle
// and return errors from your custom function", Microsoft Learn: it "can only be used with manually created
// JSON metadata"), and it is a top-level property of the file, not a per-function option ("Manually create
// JSON metadata for custom functions", Microsoft Learn), so the build sets it here.
"use strict";

/** @param {string} json functions.json as generated; @returns {string} the same metadata, errors allowed. */
function withErrorsAllowed(json) {
  const metadata = JSON.parse(json);
  return JSON.stringify({ allowErrorForDataTypeAny: true, ...metadata }, null, 4);
}

module.exports = { withErrorsAllowed };
