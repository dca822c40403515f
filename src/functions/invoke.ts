/// <reference types="custom-functions-runtime" />
import { toExcelError } from "./errors";
import { NO_PLACES, type ArgumentPlaces } from "./inputs";

/** What a function call knows beyond its arguments, from Excel's invocation object. */
export type Call = {
  /** Aborted when Excel cancels the call (the inputs changed again, the cell was deleted). */
  signal?: AbortSignal;
  /** Where the range arguments are (invocation.parameterAddresses, CustomFunctionsRuntime 1.3). */
  places: ArgumentPlaces;
  /**
   * Excel is evaluating the formula while it is typed, for its value preview (isInValuePreview,
   * CustomFunctionsRuntime 1.5). Microsoft's advice for a preview is a stand-in value where the real
   * calculation would "take too long" ("Work with formula value preview mode", Microsoft Learn).
   */
  preview: boolean;
};

/**
 * Runs one function call as Excel expects: the promise is pending (the cell shows #BUSY!) until the
 * result is ready, and every failure rejects with an Excel error, never a JavaScript exception.
 */
export async function invoke<T>(
  invocation: CustomFunctions.Invocation | undefined,
  compute: (call: Call) => Promise<T>,
): Promise<T> {
  try {
    return await compute(callOf(invocation));
  } catch (e) {
    throw toExcelError(e);
  }
}

function callOf(invocation: CustomFunctions.Invocation | undefined): Call {
  if (!invocation || typeof invocation !== "object") return { places: NO_PLACES, preview: false };
  const addresses = invocation.parameterAddresses;
  const places: ArgumentPlaces = Array.isArray(addresses)
    ? { given: true, address: (i) => (typeof addresses[i] === "string" ? addresses[i] : undefined) }
    : NO_PLACES;
  // Typed as a string in @types/custom-functions-runtime, documented as a boolean: accept both.
  const flag: unknown = invocation.isInValuePreview;
  const preview = flag === true || flag === "true";
  const controller = new AbortController();
  (invocation as CustomFunctions.CancelableInvocation).onCanceled = () => controller.abort();
  return { signal: controller.signal, places, preview };
}
