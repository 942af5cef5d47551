import { type RequestBody, toRequestBody } from "@oss-kit/transport";
import { contentMd5 } from "../md5";
import { fail, headerValue, validateBucket, validateInput } from "../validate";
import { buildXml, text, type XmlNode } from "../xml";

/** Canned ACLs of buckets (`x-oss-acl`). */
export const BUCKET_ACLS = ["private", "public-read", "public-read-write"] as const;

/** A canned bucket ACL. */
export type BucketAcl = (typeof BUCKET_ACLS)[number];

/** The input of every operation that names only a bucket. */
export interface BucketInput {
  bucket: string;
}

/** The owner of a bucket, as OSS reports it. */
export interface BucketOwner {
  /** The account (user) ID. */
  readonly id: string | undefined;
  readonly displayName: string | undefined;
}

/** Checks the input object and the bucket name: the start of every bucket operation. */
export function checkBucketInput(
  input: unknown,
  operation: string,
): asserts input is Record<string, unknown> & BucketInput {
  validateInput(input, operation);
  validateBucket(input.bucket);
}

/**
 * An XML request body with the headers OSS expects of one: `Content-Type: application/xml` and
 * `Content-MD5` (as the official SDKs send with every XML body).
 */
export function xmlRequest(
  root: string,
  content: unknown,
): { body: RequestBody; headers: Record<string, string> } {
  const bytes = new TextEncoder().encode(buildXml(root, content));
  return {
    body: toRequestBody(bytes),
    headers: { "Content-Type": "application/xml", "Content-MD5": contentMd5(bytes) },
  };
}

/** Text of a child element, with an empty element read as absent. */
export function optionalText(node: XmlNode | undefined, name: string): string | undefined {
  return text(node, name) || undefined;
}

/** An `<Owner>` element. */
export function ownerOf(node: XmlNode | undefined): BucketOwner | undefined {
  if (node === undefined) return undefined;
  return { id: optionalText(node, "ID"), displayName: optionalText(node, "DisplayName") };
}

/** An optional string. */
export function optionalString(value: unknown, field: string): string | undefined {
  if (value !== undefined && typeof value !== "string") fail(field, "must be a string");
  return value as string | undefined;
}

/** A required string, non-empty unless `allowEmpty`. */
export function requiredString(value: unknown, field: string, allowEmpty = false): string {
  if (typeof value !== "string") fail(field, "is required and must be a string");
  if (!allowEmpty && value === "") fail(field, "must not be empty");
  return value;
}

/** An optional boolean. */
export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") fail(field, "must be a boolean");
  return value as boolean | undefined;
}

/** An optional plain object (not an array). */
export function optionalObject(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(field, "must be an object");
  }
  return value as Record<string, unknown>;
}

/** An optional array. */
export function optionalArray(value: unknown, field: string): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(field, "must be an array");
  return value;
}

/** The optional `x-oss-resource-group-id` header value. */
export function resourceGroupHeader(value: unknown, field = "resourceGroupId"): string | undefined {
  const id = headerValue(value, field);
  if (id === "") fail(field, "must not be empty");
  return id;
}

/** The byte length of a string in UTF-8. */
export function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}
