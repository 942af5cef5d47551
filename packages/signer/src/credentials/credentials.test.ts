import { ErrorCode, ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { createCredentials, isCredentialsSnapshot, maskAccessKeyId } from "./index";

const ID = "LTAI5tExampleKeyabcd";
const SECRET = "SeCrEtVaLuE0123456789abcdefXYZ";
const TOKEN = "CAIS-ToKeN-VaLuE+/=0123456789";

function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

describe("createCredentials", () => {
  it("keeps every field readable", () => {
    const expiration = new Date("2030-01-01T00:00:00Z");
    const c = createCredentials({
      accessKeyId: ID,
      accessKeySecret: SECRET,
      securityToken: TOKEN,
      expiration,
    });
    expect(c.accessKeyId).toBe(ID);
    expect(c.accessKeySecret).toBe(SECRET);
    expect(c.securityToken).toBe(TOKEN);
    expect(c.expiration?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(isCredentialsSnapshot(c)).toBe(true);
    expect(isCredentialsSnapshot({ ...c })).toBe(false);
  });

  it("accepts expiration as an ISO string or epoch milliseconds", () => {
    const base = { accessKeyId: ID, accessKeySecret: SECRET };
    const iso = createCredentials({ ...base, expiration: "2030-01-01T00:00:00Z" });
    const ms = createCredentials({ ...base, expiration: Date.UTC(2030, 0, 1) });
    expect(iso.expiration?.getTime()).toBe(Date.UTC(2030, 0, 1));
    expect(ms.expiration?.getTime()).toBe(Date.UTC(2030, 0, 1));
  });

  it("treats a null or absent token and expiration as none", () => {
    const c = createCredentials({
      accessKeyId: ID,
      accessKeySecret: SECRET,
      securityToken: null,
      expiration: null,
    });
    expect(c.securityToken).toBeUndefined();
    expect(c.expiration).toBeUndefined();
    expect(Object.keys(c)).toEqual(["accessKeyId"]);
  });

  it("is frozen, and its expiration cannot be changed through the Date", () => {
    const c = createCredentials({
      accessKeyId: ID,
      accessKeySecret: SECRET,
      expiration: "2030-01-01T00:00:00Z",
    });
    expect(Object.isFrozen(c)).toBe(true);
    expect(() => {
      (c as { accessKeyId: string }).accessKeyId = "other";
    }).toThrow(TypeError);
    expect(() => {
      (c as { accessKeySecret: string }).accessKeySecret = "other";
    }).toThrow(TypeError);
    c.expiration?.setTime(0);
    expect(c.expiration?.getTime()).toBe(Date.UTC(2030, 0, 1));
    expect(c.accessKeySecret).toBe(SECRET);
  });

  it("keeps the secret and token out of own enumerable properties", () => {
    const c = createCredentials({ accessKeyId: ID, accessKeySecret: SECRET, securityToken: TOKEN });
    expect(Object.keys(c)).toEqual(["accessKeyId"]);
    expect(Object.getOwnPropertyNames(c)).toEqual(["accessKeyId"]);
    expect({ ...c }).toEqual({ accessKeyId: ID });
    expect(Object.prototype.propertyIsEnumerable.call(c, "accessKeySecret")).toBe(false);
    expect(Object.prototype.toString.call(c)).toBe("[object Credentials]");
  });

  it("returns a snapshot unchanged", () => {
    const c = createCredentials({ accessKeyId: ID, accessKeySecret: SECRET });
    expect(createCredentials(c)).toBe(c);
  });

  it("copies a plain object, so later changes to it do not show", () => {
    const source = { accessKeyId: ID, accessKeySecret: SECRET, securityToken: TOKEN };
    const c = createCredentials(source);
    source.accessKeySecret = "changed";
    source.securityToken = "changed";
    expect(c.accessKeySecret).toBe(SECRET);
    expect(c.securityToken).toBe(TOKEN);
  });

  const bad: Array<[string, unknown, string]> = [
    ["no input", undefined, "credentials"],
    ["a string", "LTAI:secret", "credentials"],
    ["missing id", { accessKeySecret: SECRET }, "accessKeyId"],
    ["empty id", { accessKeyId: "", accessKeySecret: SECRET }, "accessKeyId"],
    ["numeric id", { accessKeyId: 12345, accessKeySecret: SECRET }, "accessKeyId"],
    ["id with whitespace", { accessKeyId: ` ${ID}`, accessKeySecret: SECRET }, "accessKeyId"],
    ["missing secret", { accessKeyId: ID }, "accessKeySecret"],
    ["empty secret", { accessKeyId: ID, accessKeySecret: "" }, "accessKeySecret"],
    ["object secret", { accessKeyId: ID, accessKeySecret: { SECRET } }, "accessKeySecret"],
    ["secret with newline", { accessKeyId: ID, accessKeySecret: `${SECRET}\n` }, "accessKeySecret"],
    ["secret with a tab", { accessKeyId: ID, accessKeySecret: `${SECRET}\tx` }, "accessKeySecret"],
    [
      "secret with a header break",
      { accessKeyId: ID, accessKeySecret: `a${SECRET}\r\nx: y` },
      "accessKeySecret",
    ],
    [
      "empty token",
      { accessKeyId: ID, accessKeySecret: SECRET, securityToken: "" },
      "securityToken",
    ],
    [
      "token with whitespace",
      { accessKeyId: ID, accessKeySecret: SECRET, securityToken: `${TOKEN} ` },
      "securityToken",
    ],
    [
      "numeric token",
      { accessKeyId: ID, accessKeySecret: SECRET, securityToken: 1 },
      "securityToken",
    ],
    [
      "invalid date",
      { accessKeyId: ID, accessKeySecret: SECRET, expiration: new Date("nope") },
      "expiration",
    ],
    [
      "unparsable string",
      { accessKeyId: ID, accessKeySecret: SECRET, expiration: "tomorrow-ish" },
      "expiration",
    ],
    ["empty string", { accessKeyId: ID, accessKeySecret: SECRET, expiration: "" }, "expiration"],
    ["NaN", { accessKeyId: ID, accessKeySecret: SECRET, expiration: Number.NaN }, "expiration"],
    ["out of range", { accessKeyId: ID, accessKeySecret: SECRET, expiration: 9e15 }, "expiration"],
    ["boolean", { accessKeyId: ID, accessKeySecret: SECRET, expiration: true }, "expiration"],
  ];
  for (const [name, input, field] of bad) {
    it(`rejects ${name} with a ValidationError naming ${field}, without the secret`, () => {
      const error = validationError(() => createCredentials(input as never));
      expect(error.field).toBe(field);
      expect(error.code).toBe(ErrorCode.Validation);
      expect(error.message).toContain(field);
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain(TOKEN);
    });
  }
});

describe("maskAccessKeyId", () => {
  it("shows the first and last four characters of long IDs", () => {
    expect(maskAccessKeyId(ID)).toBe("LTAI****abcd");
    expect(maskAccessKeyId("STS.NUexampleTokenId9f3a")).toBe("STS.****9f3a");
  });

  it("hides short IDs entirely", () => {
    expect(maskAccessKeyId("short")).toBe("****");
    expect(maskAccessKeyId("12345678901")).toBe("****");
  });
});
