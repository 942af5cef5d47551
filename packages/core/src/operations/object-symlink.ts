import { encodePath } from "@oss-kit/signer";
import {
  type Operation,
  type OperationFunction,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import { metadataFrom, validateBucket, validateInput, validateKey } from "../validate";
import { unquote } from "../xml";
import { urlDecode } from "./list-objects-v2";
import { headerDate, versionIdParam } from "./object-common";
import { type ObjectWriteOptions, objectWriteHeaders } from "./put-object";

/** Input of {@link PutSymlink}. */
export interface PutSymlinkInput
  extends Pick<ObjectWriteOptions, "acl" | "storageClass" | "metadata" | "forbidOverwrite"> {
  bucket: string;
  /** The link's key. */
  key: string;
  /** The key the link points to, in the same bucket (need not exist yet); any UTF-8. */
  target: string;
}

/** Result of {@link PutSymlink}. */
export interface PutSymlinkOutput extends OperationResult {
  readonly versionId: string | undefined;
}

/**
 * PutSymlink: creates a symbolic link to another key (`PUT /<key>?symlink`). The target goes
 * URL-encoded (`/` kept) in `x-oss-symlink-target`, as ali-oss sends it, so any key survives
 * the header; {@link GetSymlink} decodes it.
 */
export const PutSymlink: Operation<PutSymlinkInput, PutSymlinkOutput> = {
  name: "PutSymlink",
  serialize(input) {
    validateInput(input, "PutSymlink");
    validateBucket(input.bucket);
    validateKey(input.key);
    validateKey(input.target, "target");
    const headers = objectWriteHeaders({
      acl: input.acl,
      storageClass: input.storageClass,
      metadata: input.metadata,
      forbidOverwrite: input.forbidOverwrite,
    });
    headers["x-oss-symlink-target"] = encodePath(input.target, "target");
    return {
      method: "PUT",
      bucket: input.bucket,
      key: input.key,
      query: { symlink: "" },
      headers,
    };
  },
  parse: (response) => ({
    ...resultBase(response),
    versionId: response.headers["x-oss-version-id"],
  }),
};

/** Creates a symbolic link. See {@link PutSymlink}. */
export const putSymlink: OperationFunction<PutSymlinkInput, PutSymlinkOutput> =
  operationFunction(PutSymlink);

/** Input of {@link GetSymlink}. */
export interface GetSymlinkInput {
  bucket: string;
  /** The link's key. */
  key: string;
  /** A version of the link; default the current one. */
  versionId?: string | undefined;
}

/** Result of {@link GetSymlink}. */
export interface GetSymlinkOutput extends OperationResult {
  /** The key the link points to, decoded. */
  readonly target: string;
  /** The link's ETag, without quotes. */
  readonly etag: string | undefined;
  readonly lastModified: Date | undefined;
  readonly versionId: string | undefined;
  /** The link's user metadata (`x-oss-meta-*`). */
  readonly metadata: Record<string, string>;
}

/** GetSymlink: reads where a symbolic link points (`GET /<key>?symlink`; no body). */
export const GetSymlink: Operation<GetSymlinkInput, GetSymlinkOutput> = {
  name: "GetSymlink",
  serialize(input) {
    validateInput(input, "GetSymlink");
    validateBucket(input.bucket);
    validateKey(input.key);
    return {
      method: "GET",
      bucket: input.bucket,
      key: input.key,
      query: { symlink: "", versionId: versionIdParam(input.versionId) },
    };
  },
  parse(response) {
    const h = response.headers;
    return {
      ...resultBase(response),
      target: urlDecode(h["x-oss-symlink-target"], true) ?? "",
      etag: unquote(h.etag),
      lastModified: headerDate(h["last-modified"]),
      versionId: h["x-oss-version-id"],
      metadata: metadataFrom(h),
    };
  },
};

/** Reads a symbolic link. See {@link GetSymlink}. */
export const getSymlink: OperationFunction<GetSymlinkInput, GetSymlinkOutput> =
  operationFunction(GetSymlink);
