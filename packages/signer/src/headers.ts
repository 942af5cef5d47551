import type { HeaderMap } from "./types";

/**
 * Copies `headers` and sets each of `updates`, replacing any existing header of the same name
 * in any letter case, so exactly one of each remains.
 */
export function withHeaders(
  headers: HeaderMap | undefined,
  updates: Record<string, string>,
): Record<string, string> {
  const replaced = new Set(Object.keys(updates).map((name) => name.toLowerCase()));
  const out: Record<string, string> = {};
  if (headers) {
    for (const name of Object.keys(headers)) {
      if (!replaced.has(name.toLowerCase())) out[name] = headers[name] as string;
    }
  }
  return Object.assign(out, updates);
}

/** The value of a header by case-insensitive name, or `undefined`. */
export function getHeader(headers: HeaderMap | undefined, lowerName: string): string | undefined {
  if (!headers) return undefined;
  const exact = headers[lowerName];
  if (exact !== undefined) return exact;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === lowerName) return headers[name];
  }
  return undefined;
}
