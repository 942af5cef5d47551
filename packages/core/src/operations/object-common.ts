/**
 * Helpers shared by the object operations of `objects.ts`. Internal: not re-exported.
 *
 * @internal
 * @packageDocumentation
 */
import { fail, headerValue } from "../validate";

/** A header date (RFC 1123) as a `Date`, or `undefined` when missing or unreadable. @internal */
export function headerDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** A whole-number header, or `undefined` when missing or unreadable. @internal */
export function headerInt(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * An optional `versionId`: visible ASCII, not empty (an empty value would go out as a
 * valueless `?versionId`). @internal
 */
export function versionIdParam(value: unknown, field = "versionId"): string | undefined {
  const id = headerValue(value, field);
  if (id === "") fail(field, "must not be empty");
  return id;
}

/** An optional string. @internal */
export function optionalString(value: unknown, field: string): string | undefined {
  if (value !== undefined && typeof value !== "string") fail(field, "must be a string");
  return value as string | undefined;
}

/** An optional boolean. @internal */
export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") fail(field, "must be a boolean");
  return value as boolean | undefined;
}
