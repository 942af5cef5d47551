import { type Operation, type OperationResult, resultBase } from "../operation";
import { fail, oneOf } from "../validate";
import { parseXml } from "../xml";
import { type BucketInput, checkBucketInput, optionalText, xmlRequest } from "./bucket-common";

/** Versioning states a bucket can be put in. */
export const VERSIONING_STATUSES = ["Enabled", "Suspended"] as const;

/** Input of {@link PutBucketVersioning}. */
export interface PutBucketVersioningInput {
  bucket: string;
  /** `Enabled`, or `Suspended` (versioning cannot be turned off once enabled). */
  status: (typeof VERSIONING_STATUSES)[number];
}

/** Result of {@link PutBucketVersioning}. */
export type PutBucketVersioningOutput = OperationResult;

/** PutBucketVersioning: enables or suspends versioning (`PUT /?versioning`). */
export const PutBucketVersioning: Operation<PutBucketVersioningInput, PutBucketVersioningOutput> = {
  name: "PutBucketVersioning",
  serialize(input) {
    checkBucketInput(input, "PutBucketVersioning");
    if (input.status === undefined) fail("status", "is required: Enabled or Suspended");
    const status = oneOf(input.status, "status", VERSIONING_STATUSES);
    const xml = xmlRequest("VersioningConfiguration", { Status: status });
    return {
      method: "PUT",
      bucket: input.bucket,
      query: { versioning: "" },
      headers: xml.headers,
      body: xml.body,
    };
  },
  parse: (response) => resultBase(response),
};

/** Input of {@link GetBucketVersioning}. */
export type GetBucketVersioningInput = BucketInput;

/** Result of {@link GetBucketVersioning}. */
export interface GetBucketVersioningOutput extends OperationResult {
  /** `Enabled` or `Suspended`; `undefined` for a bucket that never had versioning. */
  readonly status: string | undefined;
}

/** GetBucketVersioning: a bucket's versioning state (`GET /?versioning`). */
export const GetBucketVersioning: Operation<GetBucketVersioningInput, GetBucketVersioningOutput> = {
  name: "GetBucketVersioning",
  serialize(input) {
    checkBucketInput(input, "GetBucketVersioning");
    return { method: "GET", bucket: input.bucket, query: { versioning: "" } };
  },
  async parse(response) {
    const { node } = parseXml(await response.body.text());
    return { ...resultBase(response), status: optionalText(node, "Status") };
  },
};
