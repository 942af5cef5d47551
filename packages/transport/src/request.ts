import { AbortError, ValidationError } from "@oss-kit/errors";
import { isRequestBody } from "./body";
import { resolveTimeouts } from "./timeouts";
import type { RequestBody, Timeouts, TransferProgress, TransportRequest } from "./types";

/** A request checked and normalised by {@link prepareRequest}. */
export interface PreparedRequest {
  readonly method: string;
  readonly url: URL;
  /** The headers to send, `content-length` added when the body's length is known. */
  readonly headers: Record<string, string>;
  readonly body: RequestBody | undefined;
  readonly signal: AbortSignal | undefined;
  readonly timeouts: Timeouts;
  readonly onUploadProgress: ((progress: TransferProgress) => void) | undefined;
  readonly onDownloadProgress: ((progress: TransferProgress) => void) | undefined;
}

/** An HTTP token (RFC 9110 §5.6.2): method and header names. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Methods that open tunnels or that fetch forbids. */
const UNSUPPORTED_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
/** Header values may not hold line breaks or NUL. */
const BAD_VALUE = /[\r\n\0]/;

/**
 * Checks every part of `request` before any network I/O, throwing a `ValidationError` that names the
 * field; merges the request's timeouts over the transport's.
 */
export function prepareRequest(request: TransportRequest, defaults: Timeouts): PreparedRequest {
  if (typeof request !== "object" || request === null) {
    throw new ValidationError({ field: "request", rule: "must be an object" });
  }
  const { method, body, signal, onUploadProgress, onDownloadProgress } = request;
  if (typeof method !== "string" || !TOKEN.test(method)) {
    throw new ValidationError({
      field: "method",
      rule: "must be an HTTP token such as GET or PUT",
    });
  }
  if (UNSUPPORTED_METHODS.has(method.toUpperCase())) {
    throw new ValidationError({
      field: "method",
      rule: `${method} is not supported by transports`,
    });
  }
  let url: URL;
  try {
    url = new URL(request.url);
  } catch (error) {
    throw new ValidationError({ field: "url", rule: "must be an absolute URL", cause: error });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ValidationError({ field: "url", rule: "must be an http: or https: URL" });
  }
  if (url.username !== "" || url.password !== "") {
    throw new ValidationError({ field: "url", rule: "must not contain credentials" });
  }
  const headers: Record<string, string> = {};
  let contentLength: string | undefined;
  const given = request.headers ?? {};
  if (typeof given !== "object" || given === null) {
    throw new ValidationError({ field: "headers", rule: "must be an object of strings" });
  }
  for (const [name, value] of Object.entries(given)) {
    if (!TOKEN.test(name)) {
      throw new ValidationError({ field: `headers.${name}`, rule: "is not a valid header name" });
    }
    if (typeof value !== "string" || BAD_VALUE.test(value)) {
      throw new ValidationError({
        field: `headers.${name}`,
        rule: "must be a string without line breaks or NUL",
      });
    }
    if (name.toLowerCase() === "content-length") contentLength = value;
    headers[name] = value;
  }
  if (body !== undefined && !isRequestBody(body)) {
    throw new ValidationError({
      field: "body",
      rule: "must be a RequestBody (wrap content with toRequestBody())",
    });
  }
  if (body !== undefined && (method === "GET" || method === "HEAD")) {
    throw new ValidationError({ field: "body", rule: `a ${method} request cannot have a body` });
  }
  if (body?.length !== undefined) {
    if (contentLength === undefined) headers["content-length"] = String(body.length);
    else if (contentLength.trim() !== String(body.length)) {
      throw new ValidationError({
        field: "headers.content-length",
        rule: `is ${contentLength} but the body has ${body.length} bytes`,
      });
    }
  }
  if (
    signal !== undefined &&
    (typeof signal !== "object" ||
      signal === null ||
      typeof signal.aborted !== "boolean" ||
      typeof signal.addEventListener !== "function")
  ) {
    throw new ValidationError({ field: "signal", rule: "must be an AbortSignal" });
  }
  for (const [field, fn] of [
    ["onUploadProgress", onUploadProgress],
    ["onDownloadProgress", onDownloadProgress],
  ] as const) {
    if (fn !== undefined && typeof fn !== "function") {
      throw new ValidationError({ field, rule: "must be a function" });
    }
  }
  return {
    method,
    url,
    headers,
    body,
    signal,
    timeouts: resolveTimeouts(defaults, request.timeouts),
    onUploadProgress,
    onDownloadProgress,
  };
}

/** The `AbortError` of an aborted signal, keeping the signal's reason as `cause`. */
export function abortError(signal: AbortSignal): AbortError {
  return new AbortError("The request was aborted", { cause: signal.reason });
}

/** Lowercases header names, joining repeated headers with `, `. */
export function collectHeaders(
  entries: Iterable<readonly [string, string | readonly string[] | undefined]>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, rawValue] of entries) {
    if (rawValue === undefined) continue;
    const name = rawName.toLowerCase();
    const value = typeof rawValue === "string" ? rawValue : rawValue.join(", ");
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

/** The length of a response body from its headers, when they tell it (not when compressed). */
export function responseLength(headers: Readonly<Record<string, string>>): number | undefined {
  const length = headers["content-length"];
  if (length === undefined || headers["content-encoding"] !== undefined) return undefined;
  const n = Number(length);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** A one-line account of a network error: its code and message (or its first inner error's). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  let message = error.message;
  if (message === "" && error instanceof AggregateError && error.errors.length > 0) {
    message = describeError(error.errors[0]);
  }
  if (typeof code === "string" && !message.includes(code)) {
    return message === "" ? code : `${code}: ${message}`;
  }
  return message === "" ? error.name : message;
}
