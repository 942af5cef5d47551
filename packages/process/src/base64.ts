const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * URL-safe base64 of the UTF-8 bytes of `text`, without padding: the encoding OSS documents for
 * every base64 value of a processing instruction (watermark text and image, `sys/saveas` bucket and
 * key, notify topic, …). Works on any string, including non-Latin-1 text, in every runtime.
 *
 * @example
 * ```ts
 * encodeBase64Url("panda.png"); // "cGFuZGEucG5n"
 * encodeBase64Url("阿里云版权所有"); // "6Zi_6YeM5LqR54mI5p2D5omA5pyJ"
 * ```
 */
export function encodeBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    if (rest === 2) out += ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** What {@link decodeBase64Url} found. */
export interface DecodedBase64 {
  /** The decoded UTF-8 text. */
  text: string;
  /** The value used the standard alphabet's `+` (accepted, but not safe in a raw query or body). */
  plus: boolean;
}

/**
 * Decodes base64 into UTF-8 text. Accepts the URL-safe alphabet (`-`, `_`) and the standard one's
 * `+`, with or without `=` padding. The standard alphabet's `/` cannot occur: it is the action
 * separator of the instruction grammar. Returns `undefined` for anything else, including bytes
 * that are not UTF-8.
 *
 * @example
 * ```ts
 * decodeBase64Url("ZGVzdC5qcGc=")?.text; // "dest.jpg"
 * decodeBase64Url("ZGVzdC5qcGc")?.text; // "dest.jpg"
 * ```
 */
export function decodeBase64Url(value: string): DecodedBase64 | undefined {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 61 /* = */) end--;
  const pad = value.length - end;
  if (end === 0 || end % 4 === 1 || pad > 2 || (pad > 0 && value.length % 4 !== 0))
    return undefined;
  const bytes = new Uint8Array(Math.floor((end * 3) / 4));
  let plus = false;
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < end; i++) {
    const c = value[i]!;
    let d = ALPHABET.indexOf(c);
    if (c === "+") {
      d = 62;
      plus = true;
    }
    if (d < 0) return undefined;
    acc = ((acc << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 0xff;
    }
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), plus };
  } catch {
    return undefined;
  }
}
