import { ValidationError } from "@oss-kit/errors";
import { validateBucket, validateKey as validateSignableKey } from "@oss-kit/signer";

export { validateBucket };

/**
 * Checks an object key as OSS does: 1 to 1023 bytes of well-formed UTF-8, not starting with `/`
 * or `\` (OSS answers `InvalidObjectName`, EC 0016-00000005).
 */
export function validateKey(key: unknown, field = "key"): asserts key is string {
  validateSignableKey(key, field);
  if (key.startsWith("/") || key.startsWith("\\")) {
    throw new ValidationError({ field, rule: "must not start with '/' or '\\'" });
  }
}

/** Fails with a {@link ValidationError} naming the field and the rule. */
export function fail(field: string, rule: string): never {
  throw new ValidationError({ field, rule });
}

/** Checks that `input` is an object. */
export function validateInput(
  input: unknown,
  operation: string,
): asserts input is Record<string, unknown> {
  if (typeof input !== "object" || input === null) {
    throw new ValidationError({ field: "input", rule: "must be an object", operation });
  }
}

const HEADER_TEXT = /^[\x20-\x7e\t]*$/;

/** An optional string header value: visible ASCII, no line breaks. */
export function headerValue(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") fail(field, "must be a string");
  if (!HEADER_TEXT.test(value)) fail(field, "must be visible ASCII text without line breaks");
  return value;
}

/** An optional whole number within bounds. */
export function integer(
  value: unknown,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** An optional value from a fixed set. */
export function oneOf<T extends string>(
  value: unknown,
  field: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    fail(field, `must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

const META_NAME = /^[A-Za-z0-9-]+$/;

/** `x-oss-meta-*` headers from a metadata record, checked as OSS requires (< 8 KB in all). */
export function metadataHeaders(metadata: unknown, field = "metadata"): Record<string, string> {
  const headers: Record<string, string> = {};
  if (metadata === undefined) return headers;
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    fail(field, "must be an object of string values");
  }
  let size = 0;
  for (const [name, value] of Object.entries(metadata)) {
    if (!META_NAME.test(name))
      fail(`${field}.${name}`, "names may hold only letters, digits and '-'");
    if (typeof value !== "string") fail(`${field}.${name}`, "must be a string");
    headerValue(value, `${field}.${name}`);
    size += name.length + value.length;
    headers[`x-oss-meta-${name.toLowerCase()}`] = value;
  }
  if (size >= 8192) fail(field, "names and values together must be under 8 KB");
  return headers;
}

/** Metadata back from `x-oss-meta-*` response headers. */
export function metadataFrom(headers: Readonly<Record<string, string>>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith("x-oss-meta-")) metadata[name.slice(11)] = value;
  }
  return metadata;
}

/** The `x-oss-traffic-limit` header (bandwidth cap in bit/s, 819200 – 838860800), if one is set. */
export function trafficLimitHeader(value: unknown): Record<string, string> {
  const limit = integer(value, "trafficLimit", 819200, 838860800);
  return limit === undefined ? {} : { "x-oss-traffic-limit": String(limit) };
}
