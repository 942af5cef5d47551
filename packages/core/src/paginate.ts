import { RequestError } from "@oss-kit/errors";

/**
 * Turns a page-at-a-time call into an async iterator of pages: calls `fetchPage` with the
 * previous page's token until a page says it is the last.
 *
 * @throws RequestError when the server says there are more pages but gives no token (a loop
 *   would never end).
 */
export async function* paginate<P>(
  operation: string,
  fetchPage: (token: string | undefined) => Promise<P>,
  nextToken: (page: P) => string | undefined,
  isTruncated: (page: P) => boolean,
): AsyncGenerator<P, void, undefined> {
  let token: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(token);
    yield page;
    if (!isTruncated(page)) return;
    token = nextToken(page);
    if (token === undefined || seen.has(token)) {
      throw new RequestError(
        `${operation}: the server reported more results without a new continuation token`,
        { operation },
      );
    }
    seen.add(token);
  }
}
