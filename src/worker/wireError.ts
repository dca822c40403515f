import { CodedError, EngineError, isCodedError, type EngineErrorCode } from "../engine";
import type { WireError } from "./protocol";

/** An error as it can cross postMessage: Error objects lose their name, code and class on the way. */
export function toWireError(e: unknown): WireError {
  if (e instanceof Error) {
    return { name: e.name, message: e.message, code: isCodedError(e) ? e.code : undefined, stack: e.stack };
  }
  return { name: "Error", message: String(e) };
}

/**
 * Rebuilds the thrown error on the caller's side: a CodedError of the same name, code and message when it
 * has a code (an EngineError for the engine's), so callers branch on it exactly as on a fit run in their own
 * thread. The worker's stack is kept, since that is where the error happened.
 */
export function fromWireError(w: WireError): Error {
  const e = !w.code
    ? new Error(w.message)
    : w.name === "EngineError"
      ? new EngineError(w.code as EngineErrorCode, w.message)
      : new CodedError(w.name, w.code, w.message);
  e.name = w.name;
  if (w.stack) e.stack = w.stack;
  return e;
}
