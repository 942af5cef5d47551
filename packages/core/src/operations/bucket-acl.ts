import { type Operation, type OperationResult, resultBase } from "../operation";
import { fail, oneOf } from "../validate";
import { child, parseXml, text } from "../xml";
import {
  BUCKET_ACLS,
  type BucketAcl,
  type BucketInput,
  type BucketOwner,
  checkBucketInput,
  ownerOf,
} from "./bucket-common";

/** Input of {@link PutBucketAcl}. */
export interface PutBucketAclInput {
  bucket: string;
  /** The new canned ACL: `private`, `public-read` or `public-read-write`. */
  acl: BucketAcl;
}

/** Result of {@link PutBucketAcl}. */
export type PutBucketAclOutput = OperationResult;

/** PutBucketAcl: sets a bucket's canned ACL (`PUT /?acl` with `x-oss-acl`, no body). */
export const PutBucketAcl: Operation<PutBucketAclInput, PutBucketAclOutput> = {
  name: "PutBucketAcl",
  serialize(input) {
    checkBucketInput(input, "PutBucketAcl");
    if (input.acl === undefined) fail("acl", `is required: one of ${BUCKET_ACLS.join(", ")}`);
    const acl = oneOf(input.acl, "acl", BUCKET_ACLS) as BucketAcl;
    return {
      method: "PUT",
      bucket: input.bucket,
      query: { acl: "" },
      headers: { "x-oss-acl": acl },
    };
  },
  parse: (response) => resultBase(response),
};

/** Input of {@link GetBucketAcl}. */
export type GetBucketAclInput = BucketInput;

/** Result of {@link GetBucketAcl}. */
export interface GetBucketAclOutput extends OperationResult {
  /** The canned ACL, e.g. `private`. */
  readonly acl: string;
  readonly owner: BucketOwner | undefined;
}

/** GetBucketAcl: a bucket's canned ACL and owner (`GET /?acl`). */
export const GetBucketAcl: Operation<GetBucketAclInput, GetBucketAclOutput> = {
  name: "GetBucketAcl",
  serialize(input) {
    checkBucketInput(input, "GetBucketAcl");
    return { method: "GET", bucket: input.bucket, query: { acl: "" } };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text());
    return {
      ...resultBase(response),
      acl: text(child(node, "AccessControlList"), "Grant") ?? "",
      owner: ownerOf(child(node, "Owner")),
    };
  },
};
