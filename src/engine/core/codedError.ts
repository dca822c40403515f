/**
 * The one base of every error that carries a code: the engine's, the data's, the workbook's and the
 * functions'. Errors cross realms (the worker, jest module registries) and lose their class in
 * postMessage, so they are told apart by name and code, never by instanceof.
 */
export class CodedError<C extends string = string> extends Error {
  readonly code: C;

  constructor(name: string, code: C, message: string) {
    super(message);
    this.name = name;
    this.code = code;
  }
}

export function isCodedError(e: unknown, name?: string): e is CodedError {
  return (
    e instanceof Error &&
    typeof (e as CodedError).code === "string" &&
    (name === undefined || e.name === name)
  );
}

/** The rejection of a cancelled run: named "AbortError" like fetch's, so callers test e.name alike. */
export function abortError(): Error {
  const e = new Error("Cancelled");
  e.name = "AbortError";
  return e;
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === "AbortError";
}
