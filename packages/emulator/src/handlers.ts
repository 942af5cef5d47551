import { http, type RequestHandler } from "msw";
import { authenticate } from "./auth";
import * as bucketOps from "./bucket-ops";
import type { OpContext, OssHandlersOptions } from "./context";
import { faults, OssServiceFault } from "./errors";
import * as listOps from "./list-ops";
import * as multipartOps from "./multipart-ops";
import * as objectOps from "./object-ops";
import { decodeRequest, servesHost } from "./request";
import { type ResponseContext, replyError } from "./response";
import { requestId } from "./util";

type Operation = (ctx: OpContext) => Promise<Response>;

function unsupported(what: string): Operation {
  return async () => {
    throw faults.notImplemented(what);
  };
}

/** Picks the operation from method, bucket/key and sub-resources (wire notes §1.2). */
export function route(
  method: string,
  hasBucket: boolean,
  hasKey: boolean,
  q: Record<string, string>,
  headers: Record<string, string>,
): Operation {
  const has = (name: string) => q[name] !== undefined;
  if (!hasBucket) {
    if (method === "GET") return bucketOps.listBuckets;
    throw faults.methodNotAllowed();
  }
  if (!hasKey) {
    switch (method) {
      case "GET":
        if (q["list-type"] === "2") return listOps.listObjectsV2;
        if (has("uploads")) return multipartOps.listMultipartUploads;
        if (has("acl")) return bucketOps.getBucketAcl;
        if (has("bucketInfo")) return bucketOps.getBucketInfo;
        if (has("location")) return bucketOps.getBucketLocation;
        if (has("versions")) return listOps.listObjectVersions;
        for (const name of ["stat", "versioning", "cors", "lifecycle", "tagging"]) {
          if (has(name)) return unsupported(`GET /?${name}`);
        }
        return listOps.listObjects;
      case "PUT":
        if (has("acl")) return bucketOps.putBucketAcl;
        for (const name of ["versioning", "cors", "lifecycle", "tagging"]) {
          if (has(name)) return unsupported(`PUT /?${name}`);
        }
        return bucketOps.putBucket;
      case "DELETE":
        for (const name of ["cors", "lifecycle", "tagging"]) {
          if (has(name)) return unsupported(`DELETE /?${name}`);
        }
        return bucketOps.deleteBucket;
      case "POST":
        if (has("delete")) return objectOps.deleteMultipleObjects;
        throw faults.methodNotAllowed();
      default:
        throw faults.methodNotAllowed();
    }
  }
  switch (method) {
    case "PUT":
      if (has("partNumber") || has("uploadId")) {
        return headers["x-oss-copy-source"] !== undefined
          ? multipartOps.uploadPartCopy
          : multipartOps.uploadPart;
      }
      if (has("acl")) return objectOps.putObjectAcl;
      if (has("tagging")) return objectOps.putObjectTagging;
      if (has("symlink")) return objectOps.putSymlink;
      if (headers["x-oss-copy-source"] !== undefined) return objectOps.copyObject;
      return objectOps.putObject;
    case "GET":
      if (has("acl")) return objectOps.getObjectAcl;
      if (has("tagging")) return objectOps.getObjectTagging;
      if (has("symlink")) return objectOps.getSymlink;
      if (has("uploadId")) return multipartOps.listParts;
      if (q["x-oss-process"] !== undefined) return unsupported("x-oss-process");
      return objectOps.getObject;
    case "HEAD":
      if (has("objectMeta")) return objectOps.getObjectMeta;
      return objectOps.headObject;
    case "POST":
      if (has("append")) return objectOps.appendObject;
      if (has("uploads")) return multipartOps.initiateMultipartUpload;
      if (has("uploadId")) return multipartOps.completeMultipartUpload;
      if (has("restore")) return unsupported("RestoreObject");
      if (has("x-oss-process") || has("x-oss-async-process")) return unsupported("processing");
      throw faults.methodNotAllowed();
    case "DELETE":
      if (has("uploadId")) return multipartOps.abortMultipartUpload;
      if (has("tagging")) return objectOps.deleteObjectTagging;
      return objectOps.deleteObject;
    default:
      throw faults.methodNotAllowed();
  }
}

/**
 * Answers one web `Request` as OSS would: decodes the addressing, checks the signature, runs the
 * operation against the store. Requests to hosts the emulator does not serve give `undefined`.
 */
export async function handleOssRequest(
  request: Request,
  options: OssHandlersOptions,
): Promise<Response | undefined> {
  const req = decodeRequest(request, { host: options.host });
  if (!servesHost(req.url.hostname.toLowerCase(), { host: options.host })) return undefined;
  const res: ResponseContext = {
    requestId: requestId(),
    hostId: req.url.host,
    head: req.method === "HEAD",
  };
  try {
    if (req.bucket !== undefined && !bucketOps.isValidBucketName(req.bucket)) {
      throw faults.invalidBucketName(req.bucket);
    }
    const operation = route(
      req.method,
      req.bucket !== undefined,
      req.key !== undefined,
      req.query,
      req.headers,
    );
    const requester = await authenticate(req, options.accessKeys);
    if (
      requester.anonymous &&
      (req.bucket === undefined ||
        operation === bucketOps.putBucket ||
        operation === bucketOps.deleteBucket)
    ) {
      throw faults.accessDenied("AccessDenied");
    }
    return await operation({
      req,
      store: options.store,
      options,
      res,
      requester,
      region: options.region ?? "cn-hangzhou",
    });
  } catch (error) {
    if (error instanceof OssServiceFault) return replyError(res, error);
    return replyError(
      res,
      new OssServiceFault(
        500,
        "InternalError",
        "Please contact the server administrator, oss@service.aliyun.com.",
        "0000-00000000",
        { Detail: error instanceof Error ? error.message : String(error) },
      ),
    );
  }
}

/**
 * The OSS REST protocol as msw request handlers over a store: use them with `setupServer` /
 * `setupWorker` in tests, or behind a real HTTP server ({@link startEmulator}).
 *
 * @example
 * ```ts
 * const server = setupServer(
 *   ...createOssHandlers({ store: new MemoryStore(), accessKeys: [{ accessKeyId: "id", accessKeySecret: "secret" }] }),
 * );
 * server.listen();
 * ```
 */
export function createOssHandlers(options: OssHandlersOptions): RequestHandler[] {
  return [
    http.all("*", async ({ request }) => {
      const response = await handleOssRequest(request, options);
      return response ?? undefined;
    }),
  ];
}
