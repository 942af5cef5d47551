import { ValidationError } from "@oss-kit/errors";

const HEX = "0123456789ABCDEF";

/** Percent-encodes the characters `encodeURIComponent` leaves alone but RFC 3986 reserves. */
function escapeReserved(c: string): string {
  const code = c.charCodeAt(0);
  return `%${HEX[code >> 4]}${HEX[code & 15]}`;
}

const RESERVED = /[!'()*]/g;

/**
 * RFC 3986 encoding as OSS signs it: every UTF-8 byte except `A-Z a-z 0-9 - . _ ~` becomes
 * `%XX` (uppercase hex); space is `%20`, never `+`.
 *
 * @throws ValidationError when the string is not well-formed UTF-16 (a lone surrogate), naming
 *   `field`: such a string has no UTF-8 form, so it cannot be signed as asked.
 */
export function encodeRfc3986(value: string, field: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    throw new ValidationError({ field, rule: "must be well-formed Unicode (no lone surrogates)" });
  }
  return RESERVED.test(encoded) ? encoded.replace(RESERVED, escapeReserved) : encoded;
}

/** Like {@link encodeRfc3986} but keeps `/`, as OSS encodes object keys in paths. */
export function encodePath(value: string, field: string): string {
  const encoded = encodeRfc3986(value, field);
  return encoded.includes("%2F") ? encoded.replace(/%2F/g, "/") : encoded;
}

/**
 * The encoded path OSS signs in V4 and expects on the wire: `/`, then `bucket/` if any, then the
 * key with every byte but unreserved characters and `/` percent-encoded.
 */
export function canonicalPath(bucket: string | undefined, key: string | undefined): string {
  let path = "/";
  if (bucket !== undefined) path += `${bucket}/`;
  if (key !== undefined) path += encodePath(key, "key");
  return path;
}
