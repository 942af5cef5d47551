import { ServiceError } from "@oss-kit/errors";
import { parseXml, text } from "./xml";

/** What a failed response is made into a {@link ServiceError} from. */
export interface FailedResponse {
  statusCode: number;
  headers: Readonly<Record<string, string>>;
  /** The body as text; empty for HEAD and bodiless errors. */
  body: string;
}

function decodeBase64(value: string): string | undefined {
  try {
    const binary = atob(value);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}

/** The code used when a status comes without an error document. */
function codeForStatus(status: number): string {
  switch (status) {
    case 304:
      return "NotModified";
    case 404:
      return "NotFound";
    case 412:
      return "PreconditionFailed";
    default:
      return "BadErrorResponse";
  }
}

/**
 * Turns an OSS error response into a {@link ServiceError}: the XML `<Error>` body; for HEAD
 * (no body) the base64 XML in `x-oss-err`; JSON bodies (`{"Error": {...}}`); and, when none
 * can be read, a code from the status (`NotModified`, `NotFound`, `PreconditionFailed`,
 * `BadErrorResponse`) with the raw body kept.
 */
export function toServiceError(response: FailedResponse, operation: string): ServiceError {
  const { statusCode, headers } = response;
  let body = response.body;
  if (!body.trim() && headers["x-oss-err"]) body = decodeBase64(headers["x-oss-err"]) ?? "";
  const fields: Record<string, string | undefined> = {};
  let parsed = false;
  const trimmed = body.trim();
  if (trimmed.startsWith("<")) {
    try {
      const { root, node } = parseXml(trimmed);
      if (root === "Error") {
        for (const name of ["Code", "Message", "RequestId", "HostId", "EC", "StringToSign"]) {
          fields[name] = text(node, name);
        }
        parsed = fields.Code !== undefined;
      }
    } catch {
      parsed = false;
    }
  } else if (trimmed.startsWith("{")) {
    try {
      const json = JSON.parse(trimmed) as { Error?: Record<string, unknown> };
      const error = json.Error;
      if (error && typeof error === "object") {
        for (const name of ["Code", "Message", "RequestId", "HostId", "EC"]) {
          const value = error[name];
          if (typeof value === "string") fields[name] = value;
        }
        parsed = fields.Code !== undefined;
      }
    } catch {
      parsed = false;
    }
  }
  const code = parsed ? (fields.Code as string) : codeForStatus(statusCode);
  const message = parsed
    ? (fields.Message ?? "")
    : trimmed
      ? "the error response could not be parsed"
      : `HTTP ${statusCode} with no error document`;
  return new ServiceError({
    operation,
    statusCode,
    code,
    message,
    requestId: fields.RequestId ?? headers["x-oss-request-id"],
    hostId: fields.HostId,
    ec: fields.EC ?? headers["x-oss-ec"],
    headers: { ...headers },
    stringToSign: fields.StringToSign,
    body: body || undefined,
  });
}
