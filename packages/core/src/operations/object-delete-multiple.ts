import { toRequestBody } from "@oss-kit/transport";
import { contentMd5 } from "../md5";
import {
  type Operation,
  type OperationFunction,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import { fail, validateBucket, validateInput, validateKey } from "../validate";
import { bool, buildXml, children, parseXml, text } from "../xml";
import { urlDecode } from "./list-objects-v2";
import { optionalBoolean, versionIdParam } from "./object-common";

/** At most this many objects per DeleteMultipleObjects request. */
export const DELETE_MULTIPLE_MAX_OBJECTS = 1000;

/** One object to delete: a key, and optionally one of its versions. */
export interface ObjectIdentifier {
  key: string;
  /** Delete this version for good; without it a versioned bucket adds a delete marker. */
  versionId?: string | undefined;
}

/** Input of {@link DeleteMultipleObjects}. */
export interface DeleteMultipleObjectsInput {
  bucket: string;
  /** 1 to 1000 objects. */
  objects: readonly ObjectIdentifier[];
  /** Quiet mode: the response lists nothing (keys cannot fail to delete). Default `false`. */
  quiet?: boolean | undefined;
}

/** One deleted object, as OSS reports it (keys decoded). */
export interface DeletedObject {
  readonly key: string;
  /** The version deleted, when one was named. */
  readonly versionId: string | undefined;
  /** Whether a delete marker was created (or, with a `versionId`, removed). */
  readonly deleteMarker: boolean;
  /** The version id of that delete marker. */
  readonly deleteMarkerVersionId: string | undefined;
}

/** Result of {@link DeleteMultipleObjects}. */
export interface DeleteMultipleObjectsOutput extends OperationResult {
  /** The deleted objects; empty in quiet mode. Missing keys are reported as deleted too. */
  readonly deleted: DeletedObject[];
}

const ARRAYS = ["DeleteResult.Deleted"];

/**
 * DeleteMultipleObjects: deletes up to 1000 objects in one request (`POST /?delete`), with
 * `Content-MD5` as OSS requires. Keys are requested URL-encoded (`encoding-type=url`) so any
 * character survives XML, and decoded for you; control characters in request keys go out as
 * XML character references.
 */
export const DeleteMultipleObjects: Operation<
  DeleteMultipleObjectsInput,
  DeleteMultipleObjectsOutput
> = {
  name: "DeleteMultipleObjects",
  serialize(input) {
    validateInput(input, "DeleteMultipleObjects");
    validateBucket(input.bucket);
    const { objects } = input;
    if (!Array.isArray(objects) || objects.length === 0) {
      fail("objects", "must be a non-empty array of { key, versionId? }");
    }
    if (objects.length > DELETE_MULTIPLE_MAX_OBJECTS) {
      fail("objects", `at most ${DELETE_MULTIPLE_MAX_OBJECTS} objects per request`);
    }
    const quiet = optionalBoolean(input.quiet, "quiet") ?? false;
    const entries = objects.map((object: unknown, i) => {
      if (typeof object !== "object" || object === null) {
        fail(`objects[${i}]`, "must be an object { key, versionId? }");
      }
      const { key, versionId } = object as Record<string, unknown>;
      validateKey(key, `objects[${i}].key`);
      const version = versionIdParam(versionId, `objects[${i}].versionId`);
      return version === undefined ? { Key: key } : { Key: key, VersionId: version };
    });
    const xml = buildXml("Delete", { Quiet: quiet, Object: entries }, { declaration: false });
    return {
      method: "POST",
      bucket: input.bucket,
      query: { delete: "", "encoding-type": "url" },
      headers: { "Content-Type": "application/xml", "Content-MD5": contentMd5(xml) },
      body: toRequestBody(xml),
    };
  },
  async parse(response) {
    const body = await response.body.text();
    if (body.trim() === "") return { ...resultBase(response), deleted: [] };
    const { node } = parseXml(body, ARRAYS);
    const encoded = text(node, "EncodingType")?.toLowerCase() === "url";
    return {
      ...resultBase(response),
      deleted: children(node, "Deleted").map((d) => ({
        key: urlDecode(text(d, "Key"), encoded) ?? "",
        versionId: text(d, "VersionId") || undefined,
        deleteMarker: bool(d, "DeleteMarker") ?? false,
        deleteMarkerVersionId: text(d, "DeleteMarkerVersionId") || undefined,
      })),
    };
  },
};

/** Deletes up to 1000 objects. See {@link DeleteMultipleObjects}. */
export const deleteMultipleObjects: OperationFunction<
  DeleteMultipleObjectsInput,
  DeleteMultipleObjectsOutput
> = operationFunction(DeleteMultipleObjects);
