/**
 * Errors as Office.js raises them: an OfficeExtension.Error (name "RichApi.Error") with Excel's error code,
 * Excel's English message and a debugInfo naming the failing statement.
 */

/** Excel.ErrorCodes plus the OfficeExtension codes the client library raises itself. */
export const ErrorCodes = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  conflict: "Conflict",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  invalidReference: "InvalidReference",
  invalidSelection: "InvalidSelection",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  notImplemented: "NotImplemented",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  unsupportedOperation: "UnsupportedOperation",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  // OfficeExtension.ErrorCodes
  propertyNotLoaded: "PropertyNotLoaded",
  valueNotLoaded: "ValueNotLoaded",
  invalidObjectPath: "InvalidObjectPath",
  invalidRequestContext: "InvalidRequestContext",
  runMustReturnPromise: "RunMustReturnPromise",
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

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
  InvalidRequestContext: "Cannot use the object across different request contexts.",
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
};

/** Excel's message when a 2-D array does not fit the range it is written to. */
export const SHAPE_MESSAGE =
  "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

export function propertyNotLoadedMessage(property: string): string {
  return `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`;
}

export function invalidObjectPathMessage(path: string): string {
  return `The object path '${path}' isn't working for what you're trying to do. If you're using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object's lifetime.`;
}

export type DebugInfo = { code: string; message: string; errorLocation?: string; statement?: string };

/** What Office.js rejects with: `e instanceof Error`, `e.name === "RichApi.Error"`, `e.code`, `e.debugInfo`. */
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
