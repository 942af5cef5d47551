import type { OssClient } from "../client";
import type { HttpSpec } from "../operation";
import {
  type AbortMultipartUploadInput,
  abortMultipartUploadSpec,
  type CompleteMultipartUploadInput,
  completeMultipartUploadSpec,
  type InitiateMultipartUploadInput,
  initiateMultipartUploadSpec,
  type UploadPartInput,
  uploadPartSpec,
} from "./multipart-upload";

/** How long a presigned URL lives: `expiresIn` seconds (default 900), or until `expiration`. */
export interface PresignLifetimeOptions {
  /** Seconds from now; V4 allows at most 604800 (7 days). */
  expiresIn?: number | undefined;
  /** The absolute expiry time. */
  expiration?: Date | undefined;
}

/** A presigned multipart request: whoever holds it can send it until it expires. */
export interface PresignedMultipartRequest {
  /** The URL, signature included. */
  readonly url: string;
  /** The HTTP method to use. */
  readonly method: string;
  /** Headers that were signed: send them exactly, or OSS answers `SignatureDoesNotMatch`. */
  readonly signedHeaders: Record<string, string>;
  /** When the URL stops working. */
  readonly expiration: Date;
}

/** A presigned CompleteMultipartUpload, with the body to send. */
export interface PresignedCompleteMultipartUpload extends PresignedMultipartRequest {
  /** The XML part list to send as the body (its MD5 is signed), or `undefined` with `completeAll`. */
  readonly body: string | undefined;
}

async function presignSpec(
  client: OssClient,
  spec: HttpSpec,
  lifetime: PresignLifetimeOptions | undefined,
): Promise<PresignedMultipartRequest> {
  const presigned = await client.presign(spec, {
    expiresIn: lifetime?.expiresIn,
    expiration: lifetime?.expiration,
  });
  return {
    url: presigned.url,
    method: presigned.method,
    signedHeaders: presigned.signedHeaders,
    expiration: presigned.expiration,
  };
}

/**
 * Presigns an InitiateMultipartUpload (`POST ?uploads&encoding-type=url`): the object's headers
 * are signed, so the caller must send `signedHeaders`. The response key is URL-encoded.
 */
export async function presignInitiateMultipartUpload(
  client: OssClient,
  input: InitiateMultipartUploadInput,
  lifetime?: PresignLifetimeOptions,
): Promise<PresignedMultipartRequest> {
  return presignSpec(client, initiateMultipartUploadSpec(input), lifetime);
}

/**
 * Presigns an UploadPart (`PUT ?partNumber&uploadId`): a server can hand out one URL per part
 * and let a browser upload the bytes without credentials. Send the part as bytes (or a Blob
 * without a type): `Content-Type` is always signed, and `fetch` labels a string `text/plain`.
 *
 * @example
 * ```ts
 * const { url, method, signedHeaders } = await presignUploadPart(
 *   client, { bucket, key, uploadId, partNumber: 1 }, { expiresIn: 3600 },
 * );
 * const res = await fetch(url, { method, headers: signedHeaders, body: chunk });
 * const etag = res.headers.get("ETag");
 * ```
 */
export async function presignUploadPart(
  client: OssClient,
  input: Omit<UploadPartInput, "body">,
  lifetime?: PresignLifetimeOptions,
): Promise<PresignedMultipartRequest> {
  return presignSpec(client, uploadPartSpec(input), lifetime);
}

/**
 * Presigns a CompleteMultipartUpload. With `parts`, the XML body is built and checked here (its
 * `Content-MD5` is signed, so the URL completes exactly that part list): send `body` with
 * `signedHeaders`. With `completeAll: true` there is no body.
 */
export async function presignCompleteMultipartUpload(
  client: OssClient,
  input: CompleteMultipartUploadInput,
  lifetime?: PresignLifetimeOptions,
): Promise<PresignedCompleteMultipartUpload> {
  const { spec, xml } = completeMultipartUploadSpec(input);
  return { ...(await presignSpec(client, spec, lifetime)), body: xml };
}

/** Presigns an AbortMultipartUpload (`DELETE ?uploadId`). */
export async function presignAbortMultipartUpload(
  client: OssClient,
  input: AbortMultipartUploadInput,
  lifetime?: PresignLifetimeOptions,
): Promise<PresignedMultipartRequest> {
  return presignSpec(client, abortMultipartUploadSpec(input), lifetime);
}
