import { canonicalQuery } from "@oss-kit/signer";

/** The parameters that are set: `""` stays (a valueless `?acl`), `undefined` is left out. */
export function definedQuery(
  query: Readonly<Record<string, string | undefined>> | undefined,
): Record<string, string> {
  const defined: Record<string, string> = {};
  if (query) {
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) defined[name] = value;
    }
  }
  return defined;
}

/** The encoded query string for decoded parameters: `""` is valueless (`?acl`), `undefined` is left out. */
export function canonicalQueryString(
  query: Readonly<Record<string, string | undefined>> | undefined,
): string {
  return canonicalQuery(definedQuery(query));
}
