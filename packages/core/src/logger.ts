/** Log levels, least to most severe. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Where the client logs: give any of the methods (a `console` works). */
export interface Logger {
  debug?(message: string, data?: Record<string, unknown>): void;
  info?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
  error?(message: string, data?: Record<string, unknown>): void;
}

const SECRET_QUERY =
  /([?&](?:x-oss-signature|x-oss-credential|x-oss-security-token|Signature|OSSAccessKeyId|security-token)=)[^&#]*/gi;

/** A URL with signatures, credentials and tokens in its query replaced by `***`. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, "$1***");
}

const SECRET_HEADERS = new Set([
  "authorization",
  "x-oss-security-token",
  "x-oss-server-side-encryption-customer-key",
]);

/** Headers with `Authorization`, tokens and customer keys replaced by `***`. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? "***" : value;
  }
  return out;
}
