import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as errors from "./index";
import {
  AbortError,
  ChecksumMismatchError,
  CredentialsError,
  ErrorCode,
  OssError,
  PresignExpirationError,
  RequestError,
  ServiceError,
  TimeoutError,
  ValidationError,
} from "./index";

const cases: Array<{
  make: () => OssError;
  name: string;
  code: string;
  chain: Function[];
}> = [
  {
    make: () => new ValidationError({ field: "bucket", rule: "must be 3 to 63 characters" }),
    name: "ValidationError",
    code: ErrorCode.Validation,
    chain: [OssError, ValidationError],
  },
  {
    make: () => new PresignExpirationError({ field: "expiresIn", maxSeconds: 604800 }),
    name: "PresignExpirationError",
    code: ErrorCode.PresignExpiration,
    chain: [OssError, ValidationError, PresignExpirationError],
  },
  {
    make: () => new CredentialsError("no credentials"),
    name: "CredentialsError",
    code: ErrorCode.Credentials,
    chain: [OssError, CredentialsError],
  },
  {
    make: () =>
      new ServiceError({ statusCode: 404, code: "NoSuchKey", message: "gone", requestId: "r1" }),
    name: "ServiceError",
    code: "NoSuchKey",
    chain: [OssError, ServiceError],
  },
  {
    make: () => new RequestError("socket hang up"),
    name: "RequestError",
    code: ErrorCode.Request,
    chain: [OssError, RequestError],
  },
  {
    make: () => new TimeoutError("connect", 5000),
    name: "TimeoutError",
    code: ErrorCode.Timeout,
    chain: [OssError, RequestError, TimeoutError],
  },
  {
    make: () => new AbortError(),
    name: "AbortError",
    code: ErrorCode.Abort,
    chain: [OssError, AbortError],
  },
  {
    make: () => new ChecksumMismatchError({ algorithm: "crc64ecma", client: "1", server: "2" }),
    name: "ChecksumMismatchError",
    code: ErrorCode.ChecksumMismatch,
    chain: [OssError, ChecksumMismatchError],
  },
];

const allClasses = [
  OssError,
  ValidationError,
  PresignExpirationError,
  CredentialsError,
  ServiceError,
  RequestError,
  TimeoutError,
  AbortError,
  ChecksumMismatchError,
];

describe("error classes", () => {
  it("the table covers every exported class", () => {
    const exported = Object.values(errors).filter(
      (v) =>
        typeof v === "function" &&
        (v === OssError || Object.prototype.isPrototypeOf.call(OssError.prototype, v.prototype)),
    );
    expect(new Set(exported)).toEqual(new Set(allClasses));
    expect(new Set(cases.map((c) => c.name))).toEqual(
      new Set(allClasses.filter((c) => c !== OssError).map((c) => c.errorName)),
    );
  });

  for (const c of cases) {
    it(`${c.name}: name, code, and exactly its own chain`, () => {
      const error = c.make();
      expect(error.name).toBe(c.name);
      expect(error.code).toBe(c.code);
      expect(error).toBeInstanceOf(Error);
      for (const cls of allClasses) {
        expect(error instanceof cls, `${c.name} instanceof ${cls.errorName}`).toBe(
          c.chain.includes(cls),
        );
      }
    });
  }

  it("keeps cause and operation", () => {
    const cause = new Error("boom");
    const error = new RequestError("failed", { cause, operation: "PutObject" });
    expect(error.cause).toBe(cause);
    expect(error.operation).toBe("PutObject");
  });

  it("ValidationError names the field and the rule", () => {
    const error = new ValidationError({ field: "key", rule: "must not be empty" });
    expect(error.message).toBe("Invalid key: must not be empty");
    expect(error.field).toBe("key");
    expect(error.rule).toBe("must not be empty");
  });

  it("ServiceError carries the service's fields and says which operation failed", () => {
    const error = new ServiceError({
      statusCode: 403,
      code: "SignatureDoesNotMatch",
      message: "The request signature we calculated does not match",
      requestId: "5C3D9175B6FC201293AD4890",
      hostId: "bucket.oss-cn-hangzhou.aliyuncs.com",
      ec: "0002-00000040",
      stringToSign: "OSS4-HMAC-SHA256\n...",
      operation: "GetObject",
    });
    expect(error.message).toContain("GetObject failed: SignatureDoesNotMatch (403)");
    expect(error.message).toContain("5C3D9175B6FC201293AD4890");
    expect(error).toMatchObject({ statusCode: 403, ec: "0002-00000040", headers: {} });
  });

  it("primitives and foreign errors are not oss-kit errors", () => {
    for (const value of [null, undefined, 1, "x", {}, new Error("x")]) {
      expect(value instanceof OssError).toBe(false);
      expect(value instanceof ValidationError).toBe(false);
    }
  });

  it("a user's subclass without its own errorName uses the prototype chain", () => {
    class MyError extends ValidationError {}
    const mine = new MyError({ field: "f", rule: "r" });
    const plain = new ValidationError({ field: "f", rule: "r" });
    expect(mine instanceof MyError).toBe(true);
    expect(plain instanceof MyError).toBe(false);
    expect(mine instanceof ValidationError).toBe(true);
  });

  it("instanceof holds across two separately loaded copies of the package", async () => {
    // A second copy of the sources on disk is a second module graph, as two installs would be.
    const dir = mkdtempSync(join(tmpdir(), "oss-kit-errors-"));
    cpSync(import.meta.dirname, dir, { recursive: true });
    const copy = (await import(/* @vite-ignore */ join(dir, "index.ts"))) as typeof errors;
    expect(copy.ValidationError).not.toBe(ValidationError);
    const fromCopy = new copy.TimeoutError("idle", 1000);
    expect(fromCopy instanceof TimeoutError).toBe(true);
    expect(fromCopy instanceof RequestError).toBe(true);
    expect(fromCopy instanceof OssError).toBe(true);
    expect(fromCopy instanceof ValidationError).toBe(false);
    expect(new ValidationError({ field: "a", rule: "b" }) instanceof copy.OssError).toBe(true);
  });
});
