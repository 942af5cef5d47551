import type {
  RequestBody,
  Timeouts,
  TransferProgress,
  TransportResponse,
} from "@oss-kit/transport";
import type { OssClient } from "./client";
import type { RetryPolicy } from "./retry";

/** The HTTP shape of one OSS call, before addressing and signing. */
export interface HttpSpec {
  readonly method: string;
  readonly bucket?: string | undefined;
  readonly key?: string | undefined;
  /** Query parameters, decoded; `""` is a valueless sub-resource (`?acl`). */
  readonly query?: Readonly<Record<string, string | undefined>> | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: RequestBody | undefined;
  /** V1 only: query names this operation signs as sub-resources beyond the standard list. */
  readonly subResources?: readonly string[] | undefined;
}

/** What every operation result carries. */
export interface OperationResult {
  /** The HTTP status. */
  readonly statusCode: number;
  /** `x-oss-request-id`, to quote to Alibaba Cloud support. */
  readonly requestId: string;
  /** The response headers, lowercase names. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Per-call options, accepted by every operation. */
export interface CallOptions {
  /** Cancels the call, retries included. */
  readonly signal?: AbortSignal | undefined;
  /** Timeouts for this call's requests. */
  readonly timeouts?: Partial<Timeouts> | undefined;
  /** Upload progress, in bytes. */
  readonly onUploadProgress?: ((progress: TransferProgress) => void) | undefined;
  /** Download progress, in bytes. */
  readonly onDownloadProgress?: ((progress: TransferProgress) => void) | undefined;
  /** CRC-64 checks for this call; default the client's setting (on). */
  readonly crc64?: boolean | undefined;
  /** A retry policy for this call. */
  readonly retry?: RetryPolicy | undefined;
  /** Extra headers for this call (e.g. `x-oss-request-payer`). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * One OSS operation: how its input becomes a request, and how a successful response becomes its
 * result. Operations are plain objects run by `OssClient.execute`, so a bundle holds only the
 * operations it imports.
 */
export interface Operation<I, O> {
  /** The OSS API name, e.g. `"PutObject"`; errors name it. */
  readonly name: string;
  /** Validates the input (throwing `ValidationError`) and describes the request. */
  serialize(input: I): HttpSpec;
  /** Reads a successful response. */
  parse(response: TransportResponse, input: I, context: ParseContext): Promise<O> | O;
  /** The response body is handed to the caller unread (GetObject). */
  readonly streaming?: boolean | undefined;
  /** Compare the request body's CRC-64 with `x-oss-hash-crc64ecma` (PutObject, UploadPart, …). */
  readonly uploadCrc?: boolean | undefined;
}

/** What `parse` may need beyond the response. */
export interface ParseContext {
  /** Whether CRC-64 checks are on for this call. */
  readonly crc64: boolean;
  /** The call's options. */
  readonly options: CallOptions;
}

/** The fields every result has, from a response. */
export function resultBase(response: TransportResponse): OperationResult {
  return {
    statusCode: response.statusCode,
    requestId: response.headers["x-oss-request-id"] ?? "",
    headers: response.headers,
  };
}

/** The function form of an operation: `(client, input, options?) => Promise<result>`. */
export type OperationFunction<I, O> = (
  client: OssClient,
  input: I,
  options?: CallOptions,
) => Promise<O>;

/**
 * Makes the function form of an operation, e.g.
 * `export const putObject = operationFunction(PutObject)`.
 */
export function operationFunction<I, O>(operation: Operation<I, O>): OperationFunction<I, O> {
  return (client, input, options) => client.execute(operation, input, options);
}
