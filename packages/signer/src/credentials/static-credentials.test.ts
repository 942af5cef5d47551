import { AbortError, CredentialsError, ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { staticCredentials } from "./index";

const ID = "LTAI5tExampleKeyabcd";
const SECRET = "SeCrEtVaLuE0123456789abcdefXYZ";

describe("staticCredentials", () => {
  it("hands out the same frozen snapshot every time", async () => {
    const provider = staticCredentials({ accessKeyId: ID, accessKeySecret: SECRET });
    const a = await provider.getCredentials();
    const b = await provider.getCredentials({ forceRefresh: true });
    expect(a).toBe(b);
    expect(a.accessKeySecret).toBe(SECRET);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it("checks its input at construction", () => {
    expect(() => staticCredentials({ accessKeyId: ID, accessKeySecret: "" })).toThrow(
      ValidationError,
    );
  });

  it("rejects expired credentials with a CredentialsError", async () => {
    const provider = staticCredentials({
      accessKeyId: ID,
      accessKeySecret: SECRET,
      expiration: "2000-01-01T00:00:00Z",
    });
    const error = await provider.getCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toContain("expired at 2000-01-01T00:00:00.000Z");
  });

  it("rejects an aborted call", async () => {
    const provider = staticCredentials({ accessKeyId: ID, accessKeySecret: SECRET });
    await expect(provider.getCredentials({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortError,
    );
  });
});
