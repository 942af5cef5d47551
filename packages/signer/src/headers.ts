import type { HeaderMap } from "./types";

/**
 * Copies `headers` and sets each of `updates`, replacing any existing header of the same name
 * in any letter case, so exactly one of each remains. Headers named (lowercase) in `dropped` are
 * left out.
 */
export function withHeaders(
  headers: HeaderMap | undefined,
  updates: Record<string, string>,
  dropped: readonly string[] = [],
): Record<string, string> {
  const replaced = [...dropped];
  for (const name in updates) replaced.push(name.toLowerCase());
  const out: Record<string, string> = {};
  if (headers) {
    for (const name in headers) {
      if (!replaced.includes(name.toLowerCase())) out[name] = headers[name] as string;
    }
  }
  for (const name in updates) out[name] = updates[name] as string;
  return out;
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
