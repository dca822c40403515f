/// <reference types="custom-functions-runtime" />
import { toExcelError } from "./errors";

/**
 * Runs one function call as Excel expects: the promise is pending (the cell shows #BUSY!) until the
 * result is ready, and every failure rejects with an Excel error, never a JavaScript exception. Excel's
 * cancel (the inputs changed again, the cell was deleted) becomes an abort signal for the computation.
 */
export async function invoke<T>(
  invocation: CustomFunctions.CancelableInvocation | undefined,
  compute: (signal?: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    return await compute(signalOf(invocation));
  } catch (e) {
    throw toExcelError(e);
  }
}

function signalOf(invocation: CustomFunctions.CancelableInvocation | undefined): AbortSignal | undefined {
  if (!invocation || typeof invocation !== "object") return undefined;
  const controller = new AbortController();
  invocation.onCanceled = () => controller.abort();
  return controller.signal;
}
