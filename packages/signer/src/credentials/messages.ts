/**
 * The message of a thrown value, for composing our own messages. Known secrets are replaced by
 * `****`, in case a failing fetch echoed them.
 */
export function errorMessage(
  error: unknown,
  secrets: ReadonlyArray<string | undefined> = [],
): string {
  let message: string;
  if (error instanceof Error) message = error.message;
  else if (typeof error === "string") message = error;
  else message = `a non-error value was thrown (${error === null ? "null" : typeof error})`;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length > 0) message = message.split(secret).join("****");
  }
  return message;
}
