/**
 * Excel's errors as the test workbook raises them: Excel's error code, its English message and where it
 * happened. The server (server/protocol.ts) sends them to Microsoft's client, which builds the
 * OfficeExtension.Error an add-in sees; the errors the client raises itself (PropertyNotLoaded,
 * InvalidObjectPath, InvalidRequestContext, RunMustReturnPromise…) are Microsoft's code, not modelled here.
 */

const LIMITS_DOC =
  '"https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins"';

/** Excel's messages, in English. */
export const MESSAGES: Record<string, string> = {
  AccessDenied: "You cannot perform the requested operation.",
  GeneralException: "There was an internal error while processing the request.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation attempted is invalid on the object.",
  InvalidReference: "This reference is not valid for the current operation.",
  InvalidSelection: "The current selection is invalid for this operation.",
  ItemAlreadyExists: "The resource already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  UnsupportedOperation: "The operation being attempted is not supported.",
  RequestPayloadSizeLimitExceeded: `The request payload size has exceeded the limit. Please refer to the documentation: ${LIMITS_DOC}.`,
  ResponsePayloadSizeLimitExceeded: `The response payload size has exceeded the limit. Please refer to the documentation: ${LIMITS_DOC}.`,
};

/** Excel's message when a 2-D array does not fit the range it is written to. */
export const SHAPE_MESSAGE =
  "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

export type DebugInfo = { code: string; message: string; errorLocation?: string; statement?: string };

/** An error of Excel's, raised by the workbook model: its code, message and location reach the client. */
export class OfficeError extends Error {
  code: string;
  debugInfo: DebugInfo;
  traceMessages: string[] = [];
  innerError: unknown = null;
  httpStatusCode?: number;

  constructor(code: string, message?: string, location?: string) {
    const text = message ?? MESSAGES[code] ?? code;
    super(text);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message: text, ...(location ? { errorLocation: location } : {}) };
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

export function officeError(code: string, message?: string, location?: string): OfficeError {
  return new OfficeError(code, message, location);
}

export function isOfficeError(e: unknown): e is OfficeError {
  return e instanceof Error && e.name === "RichApi.Error" && typeof (e as OfficeError).code === "string";
}
