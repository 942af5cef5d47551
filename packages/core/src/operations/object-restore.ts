import { toRequestBody } from "@oss-kit/transport";
import { contentMd5 } from "../md5";
import {
  type HttpSpec,
  type Operation,
  type OperationFunction,
  type OperationResult,
  operationFunction,
  resultBase,
} from "../operation";
import { fail, integer, oneOf, validateBucket, validateInput, validateKey } from "../validate";
import { versionIdParam } from "./object-common";

/** How fast a Cold Archive or Deep Cold Archive object is restored. */
export const RESTORE_TIERS = ["Expedited", "Standard", "Bulk"] as const;

/** Input of {@link RestoreObject}. */
export interface RestoreObjectInput {
  bucket: string;
  key: string;
  /** A version of the object; default the current one. */
  versionId?: string | undefined;
  /**
   * How long the restored copy stays readable, in days: 1–7 for Archive, 1–365 for Cold and
   * Deep Cold Archive. Default OSS's (1 day).
   */
  days?: number | undefined;
  /** Cold Archive and Deep Cold Archive only: the restore speed (needs `days`). */
  tier?: (typeof RESTORE_TIERS)[number] | undefined;
}

/** Result of {@link RestoreObject}. */
export interface RestoreObjectOutput extends OperationResult {
  /**
   * `false` (202 Accepted): a restore started. `true` (200 OK): the object was already
   * restored, and this request extended the restored copy's lifetime.
   */
  readonly alreadyRestored: boolean;
  readonly versionId: string | undefined;
  /** `x-oss-object-restore-priority` (Cold Archive tiers). */
  readonly restorePriority: string | undefined;
}

/**
 * RestoreObject: makes an Archive, Cold Archive or Deep Cold Archive object readable for a
 * while (`POST /<key>?restore`, with an optional `RestoreRequest` document). Restoring takes
 * minutes to hours; HeadObject's `x-oss-restore` tells when it is done. A second request while
 * one is running fails with 409 `RestoreAlreadyInProgress`; Standard and IA objects give 400
 * `OperationNotSupported`.
 */
export const RestoreObject: Operation<RestoreObjectInput, RestoreObjectOutput> = {
  name: "RestoreObject",
  serialize(input) {
    validateInput(input, "RestoreObject");
    validateBucket(input.bucket);
    validateKey(input.key);
    const days = integer(input.days, "days", 1, 365);
    const tier = oneOf(input.tier, "tier", RESTORE_TIERS);
    if (tier !== undefined && days === undefined) fail("days", "is required with tier");
    const spec: HttpSpec = {
      method: "POST",
      bucket: input.bucket,
      key: input.key,
      query: { restore: "", versionId: versionIdParam(input.versionId) },
    };
    if (days === undefined) return spec;
    const job = tier === undefined ? "" : `<JobParameters><Tier>${tier}</Tier></JobParameters>`;
    const xml = `<RestoreRequest><Days>${days}</Days>${job}</RestoreRequest>`;
    return {
      ...spec,
      headers: { "Content-Type": "application/xml", "Content-MD5": contentMd5(xml) },
      body: toRequestBody(xml),
    };
  },
  parse: (response) => ({
    ...resultBase(response),
    alreadyRestored: response.statusCode === 200,
    versionId: response.headers["x-oss-version-id"],
    restorePriority: response.headers["x-oss-object-restore-priority"],
  }),
};

/** Restores an archived object. See {@link RestoreObject}. */
export const restoreObject: OperationFunction<RestoreObjectInput, RestoreObjectOutput> =
  operationFunction(RestoreObject);
