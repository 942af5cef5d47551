import { describe, expect, it } from "vitest";
import { toServiceError } from "./service-error";

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Error xmlns="http://doc.oss-cn-hangzhou.aliyuncs.com">
  <Code>MissingArgument</Code>
  <Message>Missing Some Required Arguments.</Message>
  <RequestId>57ABD896CCB80C366955****</RequestId>
  <HostId>oss-example.oss-cn-hangzhou.aliyuncs.com</HostId>
  <EC>0016-00000502</EC>
  <RecommendDoc>https://api.aliyun.com/troubleshoot?q=0016-00000502</RecommendDoc>
</Error>`;

describe("toServiceError", () => {
  it("reads the XML document (namespace ignored)", () => {
    const e = toServiceError({ statusCode: 400, headers: {}, body: xml }, "AppendObject");
    expect(e).toMatchObject({
      code: "MissingArgument",
      statusCode: 400,
      requestId: "57ABD896CCB80C366955****",
      hostId: "oss-example.oss-cn-hangzhou.aliyuncs.com",
      ec: "0016-00000502",
      operation: "AppendObject",
    });
  });

  it("reads the JSON form", () => {
    const body = JSON.stringify({
      Error: { Code: "MissingArgument", Message: "m", RequestId: "R", EC: "0016-00000502" },
    });
    expect(toServiceError({ statusCode: 400, headers: {}, body }, "X")).toMatchObject({
      code: "MissingArgument",
      requestId: "R",
    });
  });

  it("falls back to headers for the request id and EC", () => {
    const e = toServiceError(
      {
        statusCode: 403,
        headers: { "x-oss-request-id": "H", "x-oss-ec": "0003-00000001" },
        body: "",
      },
      "X",
    );
    expect(e).toMatchObject({ code: "BadErrorResponse", requestId: "H", ec: "0003-00000001" });
  });

  it("does not accept a document whose root is not Error", () => {
    expect(
      toServiceError({ statusCode: 500, headers: {}, body: "<Other><Code>X</Code></Other>" }, "X")
        .code,
    ).toBe("BadErrorResponse");
  });

  it("names bodiless statuses", () => {
    expect(toServiceError({ statusCode: 304, headers: {}, body: "" }, "X").code).toBe(
      "NotModified",
    );
    expect(toServiceError({ statusCode: 412, headers: {}, body: "" }, "X").code).toBe(
      "PreconditionFailed",
    );
    expect(toServiceError({ statusCode: 404, headers: {}, body: "" }, "X").code).toBe("NotFound");
  });
});
