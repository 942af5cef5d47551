import { SignerV4 } from "@oss-kit/signer";

export const credentials = { accessKeyId: "LTAI5tTestKeyId0001", accessKeySecret: "test-secret" };
export const REGION = "cn-hangzhou";
export const HOST = `oss-${REGION}.aliyuncs.com`;

/** What the server side of a test saw: bucket and key from the host and path, decoded query. */
export interface SeenRequest {
  method: string;
  bucket: string | undefined;
  key: string | undefined;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Uint8Array;
  url: URL;
}

/** Decodes a request the way OSS does: virtual-host bucket, path decoded once into the key. */
export async function seen(request: Request): Promise<SeenRequest> {
  const url = new URL(request.url);
  const bucket = url.hostname.endsWith(`.${HOST}`)
    ? url.hostname.slice(0, -HOST.length - 1)
    : undefined;
  const path = url.pathname.slice(1);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    bucket,
    key: path === "" ? undefined : decodeURIComponent(path),
    query: Object.fromEntries(url.searchParams),
    headers,
    body: new Uint8Array(await request.arrayBuffer()),
    url,
  };
}

/**
 * Checks a V4 Authorization the way OSS would: re-signs what arrived on the wire (decoded key,
 * decoded query, the received headers) at the request's `x-oss-date`, and compares.
 */
export async function signatureMatches(req: SeenRequest): Promise<boolean> {
  const auth = req.headers.authorization;
  const date = req.headers["x-oss-date"];
  if (!auth || !date) return false;
  const time = new Date(
    `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
  );
  const headers = { ...req.headers };
  delete headers.authorization;
  const { authorization } = await new SignerV4().sign(
    { method: req.method, bucket: req.bucket, key: req.key, query: req.query, headers },
    { credentials, region: REGION, time },
  );
  return authorization === auth;
}

/** An OSS error response body. */
export function errorXml(
  code: string,
  message: string,
  requestId = "5C3D9175B6FC201293AD4890",
  ec = "0003-00000001",
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>${code}</Code>
  <Message>${message}</Message>
  <RequestId>${requestId}</RequestId>
  <HostId>bucket.${HOST}</HostId>
  <EC>${ec}</EC>
  <RecommendDoc>https://api.aliyun.com/troubleshoot?q=${ec}</RecommendDoc>
</Error>`;
}

/**
 * Checks a V4 presigned URL the way OSS would: re-presigns what arrived (decoded key and query
 * without the signature) at its `x-oss-date` for its `x-oss-expires`, and compares.
 */
export async function presignedSignatureMatches(req: SeenRequest): Promise<boolean> {
  const { "x-oss-signature": signature, "x-oss-date": date, "x-oss-expires": expires } = req.query;
  if (!signature || !date || !expires) return false;
  const time = new Date(
    `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
  );
  const query = { ...req.query };
  for (const name of [
    "x-oss-signature",
    "x-oss-date",
    "x-oss-expires",
    "x-oss-credential",
    "x-oss-signature-version",
  ]) {
    delete query[name];
  }
  const signed: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "content-type" || name === "content-md5" || name.startsWith("x-oss-"))
      signed[name] = value;
  }
  const presigned = await new SignerV4().presign(
    { method: req.method, bucket: req.bucket, key: req.key, query, headers: signed },
    { credentials, region: REGION, time, expiresIn: Number(expires) },
  );
  return presigned.query["x-oss-signature"] === signature;
}
