import { SignerV1, SignerV4 } from "@oss-kit/signer";
import { faults } from "./errors";
import type { OssRequest } from "./request";

/** An access key the emulator accepts. */
export interface AccessKey {
  /** The AccessKey ID. */
  accessKeyId: string;
  /** The AccessKey secret. */
  accessKeySecret: string;
  /** An STS token that requests signed with this key must carry (`x-oss-security-token`). */
  securityToken?: string | undefined;
}

/** Who sent a request: an access key, or nobody (anonymous). */
export type Requester = { anonymous: true } | { anonymous: false; accessKeyId: string };

const v4 = new SignerV4({ bucketNames: "lenient" });
const v1 = new SignerV1({ bucketNames: "lenient" });

const V4_PRESIGN_PARAMS = [
  "x-oss-signature",
  "x-oss-date",
  "x-oss-expires",
  "x-oss-credential",
  "x-oss-signature-version",
  "x-oss-additional-headers",
  "x-oss-security-token",
];

function isoBasicToDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

/** OSS refuses header-signed requests whose time is further than this from its own. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

function checkSkew(time: Date, now: Date): void {
  if (Math.abs(time.getTime() - now.getTime()) > MAX_SKEW_MS) {
    throw faults.requestTimeTooSkewed(time, now);
  }
}

function findKey(keys: readonly AccessKey[], accessKeyId: string): AccessKey {
  const key = keys.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!key) throw faults.invalidAccessKeyId(accessKeyId);
  return key;
}

function credentialsOf(key: AccessKey, token: string | undefined) {
  return {
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    ...(key.securityToken !== undefined || token !== undefined
      ? { securityToken: key.securityToken ?? token }
      : {}),
  };
}

function signedHeaders(req: OssRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "content-type" || name === "content-md5" || name.startsWith("x-oss-")) {
      out[name] = value;
    }
  }
  return out;
}

function mismatch(accessKeyId: string, stringToSign: string, provided: string, isV4: boolean) {
  return faults.signatureDoesNotMatch(accessKeyId, stringToSign, provided, isV4);
}

async function verifyV4Header(
  req: OssRequest,
  keys: readonly AccessKey[],
  auth: string,
  now: Date,
) {
  const fields: Record<string, string> = {};
  for (const part of auth.slice("OSS4-HMAC-SHA256".length).trim().split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const [accessKeyId = "", , region = ""] = (fields.Credential ?? "").split("/");
  const provided = fields.Signature ?? "";
  const key = findKey(keys, accessKeyId);
  const time = isoBasicToDate(req.headers["x-oss-date"] ?? "");
  if (!time) throw mismatch(accessKeyId, "", provided, true);
  checkSkew(time, now);
  const headers = { ...req.headers };
  delete headers.authorization;
  try {
    const signed = await v4.sign(
      { method: req.method, bucket: req.bucket, key: req.key, query: req.query, headers },
      {
        credentials: credentialsOf(key, req.headers["x-oss-security-token"]),
        region,
        time,
        additionalHeaders: fields.AdditionalHeaders ? fields.AdditionalHeaders.split(";") : [],
      },
    );
    if (signed.authorization !== auth) {
      throw mismatch(accessKeyId, signed.stringToSign, provided, true);
    }
  } catch (error) {
    if (error instanceof Error && error.name === "OssServiceFault") throw error;
    throw mismatch(accessKeyId, "", provided, true);
  }
  return accessKeyId;
}

async function verifyV1Header(
  req: OssRequest,
  keys: readonly AccessKey[],
  auth: string,
  now: Date,
) {
  const body = auth.slice(4);
  const colon = body.lastIndexOf(":");
  const accessKeyId = body.slice(0, colon);
  const provided = body.slice(colon + 1);
  const key = findKey(keys, accessKeyId);
  const dateText = req.headers["x-oss-date"] ?? req.headers.date ?? "";
  const time = new Date(dateText);
  if (Number.isNaN(time.getTime())) throw mismatch(accessKeyId, "", provided, false);
  checkSkew(time, now);
  const headers = { ...req.headers };
  delete headers.authorization;
  const signed = await v1.sign(
    { method: req.method, bucket: req.bucket, key: req.key, query: req.query, headers },
    { credentials: credentialsOf(key, req.headers["x-oss-security-token"]), time },
  );
  if (signed.authorization !== auth) {
    throw mismatch(accessKeyId, signed.stringToSign, provided, false);
  }
  return accessKeyId;
}

async function verifyV4Presign(req: OssRequest, keys: readonly AccessKey[], now: Date) {
  const q = req.query;
  const provided = q["x-oss-signature"] ?? "";
  const [accessKeyId = "", , region = ""] = (q["x-oss-credential"] ?? "").split("/");
  const key = findKey(keys, accessKeyId);
  const time = isoBasicToDate(q["x-oss-date"] ?? "");
  const expires = Number(q["x-oss-expires"]);
  if (!time || !Number.isInteger(expires) || expires <= 0) {
    throw mismatch(accessKeyId, "", provided, true);
  }
  if (time.getTime() + expires * 1000 < now.getTime()) throw faults.expired();
  const query = { ...q };
  for (const name of V4_PRESIGN_PARAMS) delete query[name];
  const additional = q["x-oss-additional-headers"];
  try {
    const presigned = await v4.presign(
      { method: req.method, bucket: req.bucket, key: req.key, query, headers: signedHeaders(req) },
      {
        credentials: credentialsOf(key, q["x-oss-security-token"]),
        region,
        time,
        expiresIn: expires,
        additionalHeaders: additional ? additional.split(";") : [],
      },
    );
    if (presigned.query["x-oss-signature"] !== provided) {
      throw mismatch(accessKeyId, presigned.stringToSign, provided, true);
    }
  } catch (error) {
    if (error instanceof Error && error.name === "OssServiceFault") throw error;
    throw mismatch(accessKeyId, "", provided, true);
  }
  return accessKeyId;
}

async function verifyV1Presign(req: OssRequest, keys: readonly AccessKey[], now: Date) {
  const q = req.query;
  const accessKeyId = q.OSSAccessKeyId ?? "";
  const provided = q.Signature ?? "";
  const key = findKey(keys, accessKeyId);
  const expires = Number(q.Expires);
  if (!Number.isInteger(expires)) throw mismatch(accessKeyId, "", provided, false);
  if (expires * 1000 < now.getTime()) throw faults.expired();
  const query = { ...q };
  for (const name of ["OSSAccessKeyId", "Expires", "Signature", "security-token"]) {
    delete query[name];
  }
  const presigned = await v1.presign(
    { method: req.method, bucket: req.bucket, key: req.key, query, headers: signedHeaders(req) },
    {
      credentials: credentialsOf(key, q["security-token"]),
      time: new Date((expires - 1) * 1000),
      expiration: new Date(expires * 1000),
    },
  );
  if (presigned.query.Signature !== provided) {
    throw mismatch(accessKeyId, presigned.stringToSign, provided, false);
  }
  return accessKeyId;
}

/**
 * Checks a request's signature against the configured keys by signing it again with
 * `@oss-kit/signer`: V4 and V1, in the `Authorization` header or a presigned URL.
 *
 * @throws {OssServiceFault} `InvalidAccessKeyId`, `SignatureDoesNotMatch` (with the
 *   `StringToSign` the emulator computed), `RequestTimeTooSkewed` (a header-signed request more
 *   than 15 minutes off), or `AccessDenied` "Request has expired.".
 */
export async function authenticate(
  req: OssRequest,
  keys: readonly AccessKey[],
  now = new Date(),
): Promise<Requester> {
  const auth = req.headers.authorization;
  let accessKeyId: string;
  if (auth?.startsWith("OSS4-HMAC-SHA256"))
    accessKeyId = await verifyV4Header(req, keys, auth, now);
  else if (auth?.startsWith("OSS ")) accessKeyId = await verifyV1Header(req, keys, auth, now);
  else if (req.query["x-oss-signature"] !== undefined)
    accessKeyId = await verifyV4Presign(req, keys, now);
  else if (req.query.Signature !== undefined && req.query.OSSAccessKeyId !== undefined)
    accessKeyId = await verifyV1Presign(req, keys, now);
  else if (auth) throw faults.accessDenied("Authorization header is invalid.");
  else return { anonymous: true };
  return { anonymous: false, accessKeyId };
}
