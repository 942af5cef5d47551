import { crc64, formatCrc64 } from "@oss-kit/crc64";
import { ChecksumMismatchError, ServiceError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import {
  AWKWARD_KEYS,
  bodyText,
  client,
  expectInvalid,
  failure,
  ok,
  useOssServer,
} from "../../test/object-harness";
import { HOST, type SeenRequest, signatureMatches } from "../../test/oss-mock";
import { appendObject, nextAppendPosition } from "./object-append";

const { record } = useOssServer();

/** An in-memory Appendable object, as OSS keeps it: whole-object CRC in every answer. */
function appendable() {
  let content = new Uint8Array(0);
  return (req: SeenRequest) => {
    const position = Number(req.query.position);
    if (position !== content.length) {
      return failure(
        409,
        "PositionNotEqualToLength",
        "Position is not equal to file length",
        "0026-00000016",
        {
          "x-oss-next-append-position": String(content.length),
        },
      );
    }
    const next = new Uint8Array(content.length + req.body.length);
    next.set(content);
    next.set(req.body, content.length);
    content = next;
    return ok({
      "x-oss-next-append-position": String(content.length),
      "x-oss-hash-crc64ecma": formatCrc64(crc64(content)),
    });
  };
}

describe("AppendObject", () => {
  it("chains positions and whole-object CRCs (§3.8 fixture values), checking each", async () => {
    const requests = record(appendable());
    const c = client();
    const first = await appendObject(c, {
      bucket: "bucket",
      key: "object",
      position: 0,
      body: "hi oss,append object",
    });
    expect(first).toMatchObject({
      statusCode: 200,
      nextPosition: 20,
      crc64: "2313496259928504459",
      versionId: undefined,
    });
    const second = await appendObject(c, {
      bucket: "bucket",
      key: "object",
      position: first.nextPosition as number,
      body: ",this is a demo",
      initCrc64: first.crc64,
    });
    expect(second).toMatchObject({ nextPosition: 35, crc64: "8586970469916596321" });
    const third = await appendObject(c, {
      bucket: "bucket",
      key: "object",
      position: 35,
      body: new TextEncoder().encode("!"),
      initCrc64: BigInt(second.crc64 as string),
    });
    expect(third.nextPosition).toBe(36);

    const [r1, r2] = requests as [SeenRequest, SeenRequest];
    expect(r1.method).toBe("POST");
    expect(r1.url.host).toBe(`bucket.${HOST}`);
    expect(r1.url.pathname).toBe("/object");
    expect(r1.url.search).toBe("?append&position=0");
    expect(r1.query).toEqual({ append: "", position: "0" });
    expect(r1.headers["content-type"]).toBe("application/octet-stream");
    expect(r1.headers["content-length"]).toBe("20");
    expect(bodyText(r1)).toBe("hi oss,append object");
    expect(r2.query).toEqual({ append: "", position: "20" });
    expect(r2.headers["content-length"]).toBe("15");
    expect(bodyText(r2)).toBe(",this is a demo");
    for (const req of requests) expect(await signatureMatches(req)).toBe(true);
  });

  it("sends object headers on the first append and encodes any UTF-8 key", async () => {
    const requests = record(appendable());
    await appendObject(client(), {
      bucket: "bucket",
      key: AWKWARD_KEYS[0] as string,
      position: 0,
      body: "x",
      contentType: "text/plain",
      metadata: { Origin: "log" },
      tags: { k: "v" },
      acl: "private",
      storageClass: "Standard",
      contentMd5: "nVl0+lbz5c/1yAqQlQzqSg==",
    });
    const [req] = requests as [SeenRequest];
    expect(req.key).toBe(AWKWARD_KEYS[0]);
    expect(req.headers).toMatchObject({
      "content-type": "text/plain",
      "x-oss-meta-origin": "log",
      "x-oss-tagging": "k=v",
      "x-oss-object-acl": "private",
      "x-oss-storage-class": "Standard",
      "content-md5": "nVl0+lbz5c/1yAqQlQzqSg==",
    });
    expect(await signatureMatches(req)).toBe(true);
  });

  it("fails with ChecksumMismatchError when the whole-object CRC differs, without retrying", async () => {
    const requests = record(() =>
      ok({ "x-oss-next-append-position": "35", "x-oss-hash-crc64ecma": "1" }),
    );
    const error = await appendObject(client(), {
      bucket: "bucket",
      key: "object",
      position: 20,
      body: ",this is a demo",
      initCrc64: "2313496259928504459",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({
      operation: "AppendObject",
      client: "8586970469916596321",
      server: "1",
    });
    expect(requests).toHaveLength(1);
  });

  it("checks position 0 against the body's CRC, and skips the check when off", async () => {
    record(() => ok({ "x-oss-next-append-position": "6", "x-oss-hash-crc64ecma": "42" }));
    const input = { bucket: "bucket", key: "object", position: 0, body: "hi oss" };
    await expect(appendObject(client(), input)).rejects.toMatchObject({
      client: "8707180448768400016",
      server: "42",
    });
    await expect(appendObject(client(), input, { crc64: false })).resolves.toMatchObject({
      crc64: "42",
    });
    await expect(appendObject(client({ crc64: false }), input)).resolves.toBeDefined();
  });

  it("cannot check a later position without initCrc64, so it does not", async () => {
    record(() => ok({ "x-oss-next-append-position": "26", "x-oss-hash-crc64ecma": "42" }));
    const out = await appendObject(client(), {
      bucket: "bucket",
      key: "object",
      position: 20,
      body: "hi oss",
    });
    expect(out).toMatchObject({ nextPosition: 26, crc64: "42" });
  });

  it("checks a streamed body too", async () => {
    record(appendable());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("hi oss,"));
        controller.enqueue(new TextEncoder().encode("append object"));
        controller.close();
      },
    });
    const out = await appendObject(client(), {
      bucket: "bucket",
      key: "object",
      position: 0,
      body: stream,
    });
    expect(out.crc64).toBe("2313496259928504459");
  });

  it("surfaces PositionNotEqualToLength (409) once, with the current length", async () => {
    const requests = record(appendable());
    await appendObject(client(), { bucket: "bucket", key: "o", position: 0, body: "12345" });
    const error = await appendObject(client(), {
      bucket: "bucket",
      key: "o",
      position: 0,
      body: "again",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: "PositionNotEqualToLength",
      statusCode: 409,
      ec: "0026-00000016",
      operation: "AppendObject",
    });
    expect(nextAppendPosition(error)).toBe(5);
    expect(nextAppendPosition(new Error("x"))).toBeUndefined();
    expect(requests).toHaveLength(2);
  });

  it("surfaces ObjectNotAppendable (409)", async () => {
    record(() =>
      failure(409, "ObjectNotAppendable", "The object is not appendable", "0026-00000017"),
    );
    const error = await appendObject(client(), {
      bucket: "bucket",
      key: "normal",
      position: 0,
      body: "x",
    }).catch((e) => e);
    expect(error).toMatchObject({ code: "ObjectNotAppendable", statusCode: 409 });
    expect(nextAppendPosition(error)).toBeUndefined();
  });

  it("rejects bad input before any request", async () => {
    const requests = record(() => ok());
    const call = (input: Record<string, unknown>) =>
      appendObject(client(), { bucket: "bucket", key: "k", position: 0, body: "x", ...input });
    await expectInvalid(call({ position: undefined }), "position");
    await expectInvalid(call({ position: -1 }), "position");
    await expectInvalid(call({ position: 1.5 }), "position");
    await expectInvalid(call({ position: "0" }), "position");
    await expectInvalid(call({ body: undefined }), "body");
    await expectInvalid(call({ key: "" }), "key");
    await expectInvalid(call({ bucket: "x" }), "bucket");
    await expectInvalid(call({ initCrc64: "abc" }), "initCrc64");
    await expectInvalid(call({ initCrc64: "-1" }), "initCrc64");
    await expectInvalid(call({ initCrc64: "18446744073709551616" }), "initCrc64");
    await expectInvalid(call({ initCrc64: 5 }), "initCrc64");
    await expectInvalid(call({ storageClass: "Glacier" }), "storageClass");
    await expectInvalid(call({ position: 5 * 1024 ** 3, body: "x" }), "body");
    expect(requests).toHaveLength(0);
  });
});
