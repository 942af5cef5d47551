import { createHash } from "node:crypto";
import { ServiceError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  bodyText,
  client,
  expectInvalid,
  failure,
  ok,
  parseBody,
  useOssServer,
} from "../../test/object-harness";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { restoreObject } from "./object-restore";

const { record } = useOssServer();

const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("base64");

describe("RestoreObject", () => {
  it("sends the §3.15 RestoreRequest with Content-MD5; 202 means a restore started", async () => {
    const requests = record(() =>
      ok({ "x-oss-request-id": "6555A936CA31DC333143****" }, null, 202),
    );
    const out = await restoreObject(client(), {
      bucket: "bucket",
      key: "object",
      days: 2,
      tier: "Standard",
    });
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("POST");
    expect(req.url.host).toBe(`bucket.${HOST}`);
    expect(req.url.pathname).toBe("/object");
    expect(req.url.search).toBe("?restore");
    expect(req.query).toEqual({ restore: "" });
    expect(bodyText(req)).toBe(
      "<RestoreRequest><Days>2</Days><JobParameters><Tier>Standard</Tier></JobParameters></RestoreRequest>",
    );
    expect(parseBody(req)).toEqual({
      RestoreRequest: { Days: "2", JobParameters: { Tier: "Standard" } },
    });
    expect(req.headers["content-type"]).toBe("application/xml");
    expect(req.headers["content-md5"]).toBe(md5(req.body));
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({
      statusCode: 202,
      requestId: "6555A936CA31DC333143****",
      alreadyRestored: false,
      versionId: undefined,
    });
  });

  it("sends no body without days, passes versionId; 200 means already restored", async () => {
    const requests = record(() =>
      ok({ "x-oss-version-id": "v1", "x-oss-object-restore-priority": "Standard" }, null, 200),
    );
    const out = await restoreObject(client(), {
      bucket: "bucket",
      key: "dir/archived file+1.bin",
      versionId: "v1",
    });
    const [req] = requests as [SeenRequest];
    expect(req.key).toBe("dir/archived file+1.bin");
    expect(req.query).toEqual({ restore: "", versionId: "v1" });
    expect(req.body).toHaveLength(0);
    expect(req.headers["content-md5"]).toBeUndefined();
    expect(await signatureMatches(req)).toBe(true);
    expect(out).toMatchObject({
      statusCode: 200,
      alreadyRestored: true,
      versionId: "v1",
      restorePriority: "Standard",
    });
  });

  it("sends days alone for Archive objects", async () => {
    const requests = record(() => ok({}, null, 202));
    await restoreObject(client(), { bucket: "bucket", key: "k", days: 7 });
    expect(bodyText(requests[0] as SeenRequest)).toBe(
      "<RestoreRequest><Days>7</Days></RestoreRequest>",
    );
  });

  it("surfaces RestoreAlreadyInProgress (409) and OperationNotSupported (400)", async () => {
    record((_req, n) =>
      n === 1
        ? failure(409, "RestoreAlreadyInProgress", "The restore operation is in progress.", "")
        : failure(
            400,
            "OperationNotSupported",
            "The operation is not supported for this resource",
            "0016-00000702",
          ),
    );
    const running = await restoreObject(client(), { bucket: "bucket", key: "k" }).catch((e) => e);
    expect(running).toBeInstanceOf(ServiceError);
    expect(running).toMatchObject({ code: "RestoreAlreadyInProgress", statusCode: 409 });
    const standard = await restoreObject(client(), { bucket: "bucket", key: "k" }).catch((e) => e);
    expect(standard).toMatchObject({
      code: "OperationNotSupported",
      statusCode: 400,
      ec: "0016-00000702",
      operation: "RestoreObject",
    });
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    const call = (input: Record<string, unknown>) =>
      restoreObject(client(), { bucket: "bucket", key: "k", ...input });
    await expectInvalid(call({ tier: "Bulk" }), "days");
    await expectInvalid(call({ days: 0 }), "days");
    await expectInvalid(call({ days: 366 }), "days");
    await expectInvalid(call({ days: 1.5 }), "days");
    await expectInvalid(call({ days: 1, tier: "Fast" }), "tier");
    await expectInvalid(call({ versionId: "" }), "versionId");
    await expectInvalid(call({ key: "" }), "key");
    expect(requests).toHaveLength(0);
  });
});
