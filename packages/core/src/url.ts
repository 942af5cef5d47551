import { canonicalQuery } from "@oss-kit/signer";

/** The encoded query string for decoded parameters: `""` is valueless (`?acl`), `undefined` is left out. */
export function canonicalQueryString(query: Readonly<Record<string, string | undefined>> | undefined): string {
  if (!query) return "";
  const defined: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) defined[name] = value;
  }
  return canonicalQuery(defined);
}
