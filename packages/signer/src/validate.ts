import { ValidationError } from "@oss-kit/errors";
import type { HeaderMap, QueryParams, SignableRequest } from "./types";

const encoder = new TextEncoder();

/** OSS bucket names: 3–63 characters of `a-z 0-9 -`, starting and ending with a letter or digit. */
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
/** Region ids (`cn-hangzhou`, `ap-southeast-1`) and CloudBox ids (`cb-123`). */
const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** RFC 9110 token, for methods and header names. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Characters that would let a header value start another header or line. */
const BAD_HEADER_VALUE = /[\r\n\0]/;

function fail(field: string, rule: string): never {
  throw new ValidationError({ field, rule });
}

/** Characters no bucket name may hold, whatever the naming rules. */
const UNSAFE_BUCKET = /[/\\?#%\s\p{Cc}]/u;

/** Checks a bucket name against OSS's rules (or, `lenient`, only that it is safe to sign). */
export function validateBucket(
  bucket: unknown,
  field = "bucket",
  lenient = false,
): asserts bucket is string {
  if (typeof bucket !== "string") fail(field, "must be a string");
  if (lenient) {
    if (bucket.length === 0 || bucket.length > 255 || UNSAFE_BUCKET.test(bucket)) {
      fail(
        field,
        "must be 1 to 255 characters with no '/', '?', '#', '%', whitespace or control characters",
      );
    }
    return;
  }
  if (!BUCKET.test(bucket)) {
    fail(
      field,
      `"${bucket.slice(0, 80)}" is not a valid OSS bucket name: 3 to 63 characters of lowercase letters, digits and hyphens, starting and ending with a letter or digit`,
    );
  }
}

/** Checks an object key: a well-formed string of 1 to 1023 UTF-8 bytes. */
export function validateKey(key: unknown, field = "key"): asserts key is string {
  if (typeof key !== "string") fail(field, "must be a string");
  if (key.length === 0) fail(field, "must not be empty");
  if (!key.isWellFormed()) fail(field, "must be well-formed Unicode (no lone surrogates)");
  // Fast path: 1023 UTF-16 units of ASCII at most are 1023 bytes; longer strings need counting.
  if (key.length > 341 && encoder.encode(key).length > 1023) {
    fail(field, "must be at most 1023 bytes of UTF-8");
  }
}

/** Checks a region id: a bare id such as `cn-hangzhou`, not an endpoint. */
export function validateRegion(region: unknown, field = "region"): asserts region is string {
  if (typeof region !== "string" || region.length === 0) {
    fail(field, "is required: a region id such as cn-hangzhou");
  }
  if (region.startsWith("oss-")) {
    fail(field, `use the bare region id "${region.slice(4)}", not "${region}"`);
  }
  if (!REGION.test(region) || region.length > 64) {
    fail(
      field,
      `"${region.slice(0, 80)}" is not a region id: lowercase letters, digits and hyphens`,
    );
  }
}

/** Checks a product name for the V4 scope. */
export function validateProduct(product: unknown, field = "product"): asserts product is string {
  if (typeof product !== "string" || !REGION.test(product)) {
    fail(field, 'must be "oss" or "oss-cloudbox"');
  }
}

/** Checks a signing time. */
export function validateTime(time: unknown, field = "time"): asserts time is Date {
  if (!(time instanceof Date) || Number.isNaN(time.getTime())) fail(field, "must be a valid Date");
}

function validateHeaders(headers: HeaderMap | undefined): void {
  if (headers === undefined) return;
  if (typeof headers !== "object" || headers === null) fail("headers", "must be an object");
  for (const name of Object.keys(headers)) {
    if (!TOKEN.test(name)) fail(`headers["${name}"]`, "is not a valid HTTP header name");
    const value = headers[name];
    if (typeof value !== "string") fail(`headers["${name}"]`, "must be a string");
    if (BAD_HEADER_VALUE.test(value)) {
      fail(`headers["${name}"]`, "must not contain CR, LF or NUL characters");
    }
  }
}

function validateQuery(query: QueryParams | undefined): void {
  if (query === undefined) return;
  if (typeof query !== "object" || query === null) fail("query", "must be an object");
  for (const name of Object.keys(query)) {
    if (name.length === 0) fail("query", "parameter names must not be empty");
    if (!name.isWellFormed()) fail("query", "parameter names must be well-formed Unicode");
    const value = query[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") {
      fail(`query["${name}"]`, "must be a string (or null/empty for a valueless parameter)");
    }
    if (!value.isWellFormed()) {
      fail(`query["${name}"]`, "must be well-formed Unicode (no lone surrogates)");
    }
  }
}

/** Checks everything about a request that a signature covers, before anything is signed. */
export function validateRequest(request: SignableRequest, lenientBucket = false): void {
  if (typeof request !== "object" || request === null) fail("request", "must be an object");
  if (typeof request.method !== "string" || !TOKEN.test(request.method)) {
    fail("method", "must be an HTTP method such as GET or PUT");
  }
  if (request.bucket !== undefined) validateBucket(request.bucket, "bucket", lenientBucket);
  if (request.key !== undefined) {
    if (request.bucket === undefined) fail("key", "needs a bucket");
    validateKey(request.key);
  }
  validateHeaders(request.headers);
  validateQuery(request.query);
}
