import { ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { client, mockOss, REQUEST_ID, reply, xmlBodyOf } from "../../test/bucket-mock";
import { type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { getBucketVersioning, putBucketVersioning } from "../bucket";
import { parseXml } from "../xml";

const { record } = mockOss();

describe("PutBucketVersioning", () => {
  it("sends PUT /?versioning with the documented body and Content-MD5", async () => {
    const requests = record(() => reply(200));
    for (const status of ["Enabled", "Suspended"] as const) {
      const out = await putBucketVersioning(client(), { bucket: "examplebucket", status });
      expect(out).toEqual({ statusCode: 200, requestId: REQUEST_ID, headers: expect.any(Object) });
    }
    const [enabled, suspended] = requests as [SeenRequest, SeenRequest];
    expect(enabled.method).toBe("PUT");
    expect(enabled.url.search).toBe("?versioning");
    expect(enabled.query).toEqual({ versioning: "" });
    expect(await xmlBodyOf(enabled)).toEqual(
      parseXml("<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"),
    );
    expect((await xmlBodyOf(suspended)).node).toEqual({ Status: "Suspended" });
  });

  it("requires Enabled or Suspended, before any request", async () => {
    const requests = record(() => reply(200));
    for (const input of [
      { bucket: "examplebucket" },
      { bucket: "examplebucket", status: "Disabled" },
      { bucket: "examplebucket", status: "enabled" },
    ]) {
      const error = await putBucketVersioning(client(), input as never).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.field).toBe("status");
    }
    expect(requests).toHaveLength(0);
  });
});

describe("GetBucketVersioning", () => {
  it("reads never-enabled (no Status), Enabled and Suspended", async () => {
    const bodies = [
      `<?xml version="1.0" encoding="UTF-8"?>
<VersioningConfiguration>
</VersioningConfiguration>`,
      `<?xml version="1.0" encoding="UTF-8"?>
<VersioningConfiguration>
<Status>Enabled</Status>
</VersioningConfiguration>`,
      `<?xml version="1.0" encoding="UTF-8"?>
<VersioningConfiguration>
<Status>Suspended</Status>
</VersioningConfiguration>`,
    ];
    const requests = record((_, n) => reply(200, bodies[n - 1] ?? ""));
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await getBucketVersioning(client(), { bucket: "examplebucket" })).status);
    }
    expect(statuses).toEqual([undefined, "Enabled", "Suspended"]);
    const [req] = requests as [SeenRequest];
    expect(req.method).toBe("GET");
    expect(req.query).toEqual({ versioning: "" });
    expect(await signatureMatches(req)).toBe(true);
  });
});
