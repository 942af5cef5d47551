import type { OssClient } from "./client";
import { requestLocation } from "./endpoint";
import {
  GetObject,
  type GetObjectInput,
  HeadObject,
  type HeadObjectInput,
} from "./operations/get-object";
import { type ProcessInput, type ProcessOptions, processString } from "./operations/process-object";
import { PutObject, type PutObjectInput } from "./operations/put-object";
import { canonicalQueryString } from "./url";
import { headerValue, validateBucket, validateInput, validateKey } from "./validate";

/** How long a presigned URL lives: `expiresIn` seconds or until `expiration` (default 15 minutes, V4 at most 7 days). */
export interface PresignOptions {
  expiresIn?: number | undefined;
  expiration?: Date | undefined;
}

/** A presigned request: the URL, and the headers that must be sent with it exactly. */
export interface PresignedUrl {
  readonly url: string;
  readonly method: string;
  readonly signedHeaders: Record<string, string>;
  readonly expiration: Date;
}

function pick(p: PresignedUrl): PresignedUrl {
  return { url: p.url, method: p.method, signedHeaders: p.signedHeaders, expiration: p.expiration };
}

/**
 * A presigned GET: share a private object, or a processed view of it (`process`), for a while.
 *
 * @example
 * ```ts
 * const { url } = await presignGetObject(client, {
 *   bucket: "examplebucket",
 *   key: "photos/cat.jpg",
 *   process: image().resize({ w: 300 }),
 * }, { expiresIn: 3600 });
 * ```
 */
export async function presignGetObject(
  client: OssClient,
  input: GetObjectInput,
  options: PresignOptions = {},
): Promise<PresignedUrl> {
  return pick(await client.presign(GetObject.serialize(input), options));
}

/** A presigned HEAD. */
export async function presignHeadObject(
  client: OssClient,
  input: HeadObjectInput,
  options: PresignOptions = {},
): Promise<PresignedUrl> {
  return pick(await client.presign(HeadObject.serialize(input), options));
}

/**
 * A presigned PUT: let a browser or another party upload one object without credentials. The
 * `signedHeaders` (Content-Type at least) must be sent exactly as signed.
 */
export async function presignPutObject(
  client: OssClient,
  input: Omit<PutObjectInput, "body" | "callback">,
  options: PresignOptions = {},
): Promise<PresignedUrl> {
  const spec = PutObject.serialize({ ...input, body: "" } as PutObjectInput);
  return pick(await client.presign({ ...spec, body: undefined }, options));
}

/** Input of {@link objectUrl}. */
export interface ObjectUrlInput extends ProcessOptions {
  bucket: string;
  key: string;
  versionId?: string | undefined;
  /** A synchronous processing instruction, applied when the URL is fetched. */
  process?: ProcessInput | undefined;
}

/**
 * The plain, unsigned URL of an object, for public-read objects (and `<img src>`): with a
 * processing instruction it serves the processed image directly.
 *
 * @example
 * ```ts
 * objectUrl(client, { bucket: "examplebucket", key: "a.jpg", process: image().resize({ w: 100 }) });
 * // "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image%2Fresize%2Cw_100"
 * ```
 */
export function objectUrl(client: OssClient, input: ObjectUrlInput): string {
  validateInput(input, "objectUrl");
  validateBucket(input.bucket);
  validateKey(input.key);
  const query = canonicalQueryString({
    versionId: headerValue(input.versionId, "versionId"),
    "x-oss-process":
      input.process === undefined
        ? undefined
        : processString(input.process, {
            kind: "sync",
            method: "GET",
            validate: input.validateProcess !== false,
            needsSaveAs: false,
          }),
  });
  const { origin, path } = requestLocation(client.endpoint, input.bucket, input.key);
  return `${origin}${path}${query ? `?${query}` : ""}`;
}
