/** The rejection of a cancelled run: named "AbortError" like fetch's, so callers test e.name alike. */
export function abortError(): Error {
  const e = new Error("Cancelled");
  e.name = "AbortError";
  return e;
}
