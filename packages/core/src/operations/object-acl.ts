import {
  type Operation,
  type OperationFunction,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import { fail, oneOf, validateBucket, validateInput, validateKey } from "../validate";
import { child, parseXml, text } from "../xml";
import { versionIdParam } from "./object-common";
import { OBJECT_ACLS } from "./put-object";

/** An object's canned ACL; `default` means the bucket's ACL applies. */
export type ObjectAcl = (typeof OBJECT_ACLS)[number];

/** Input of {@link PutObjectAcl}. */
export interface PutObjectAclInput {
  bucket: string;
  key: string;
  /** The new ACL (`x-oss-object-acl`). */
  acl: ObjectAcl;
  /** A version of the object; default the current one. */
  versionId?: string | undefined;
}

/** Result of {@link PutObjectAcl}. */
export interface PutObjectAclOutput extends OperationResult {
  readonly versionId: string | undefined;
}

/** PutObjectAcl: sets an object's canned ACL (`PUT /<key>?acl`). */
export const PutObjectAcl: Operation<PutObjectAclInput, PutObjectAclOutput> = {
  name: "PutObjectAcl",
  serialize(input) {
    validateInput(input, "PutObjectAcl");
    validateBucket(input.bucket);
    validateKey(input.key);
    if (input.acl === undefined) fail("acl", `is required: one of ${OBJECT_ACLS.join(", ")}`);
    const acl = oneOf(input.acl, "acl", OBJECT_ACLS) as ObjectAcl;
    return {
      method: "PUT",
      bucket: input.bucket,
      key: input.key,
      query: { acl: "", versionId: versionIdParam(input.versionId) },
      headers: { "x-oss-object-acl": acl },
    };
  },
  parse: (response) => ({
    ...resultBase(response),
    versionId: response.headers["x-oss-version-id"],
  }),
};

/** Sets an object's ACL. See {@link PutObjectAcl}. */
export const putObjectAcl: OperationFunction<PutObjectAclInput, PutObjectAclOutput> =
  operationFunction(PutObjectAcl);

/** Input of {@link GetObjectAcl}. */
export interface GetObjectAclInput {
  bucket: string;
  key: string;
  /** A version of the object; default the current one. */
  versionId?: string | undefined;
}

/** Result of {@link GetObjectAcl}. */
export interface GetObjectAclOutput extends OperationResult {
  /** The canned ACL; `default` when never set (the bucket's ACL applies). */
  readonly acl: ObjectAcl | undefined;
  readonly owner: { id: string | undefined; displayName: string | undefined } | undefined;
  readonly versionId: string | undefined;
}

/** GetObjectAcl: reads an object's canned ACL and owner (`GET /<key>?acl`). */
export const GetObjectAcl: Operation<GetObjectAclInput, GetObjectAclOutput> = {
  name: "GetObjectAcl",
  serialize(input) {
    validateInput(input, "GetObjectAcl");
    validateBucket(input.bucket);
    validateKey(input.key);
    return {
      method: "GET",
      bucket: input.bucket,
      key: input.key,
      query: { acl: "", versionId: versionIdParam(input.versionId) },
    };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text());
    const owner = child(node, "Owner");
    return {
      ...resultBase(response),
      acl: text(child(node, "AccessControlList"), "Grant")?.trim() as ObjectAcl | undefined,
      owner: owner ? { id: text(owner, "ID"), displayName: text(owner, "DisplayName") } : undefined,
      versionId: response.headers["x-oss-version-id"],
    };
  },
};

/** Reads an object's ACL. See {@link GetObjectAcl}. */
export const getObjectAcl: OperationFunction<GetObjectAclInput, GetObjectAclOutput> =
  operationFunction(GetObjectAcl);
