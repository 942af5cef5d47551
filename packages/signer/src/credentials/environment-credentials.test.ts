import { CredentialsError, ValidationError } from "@oss-kit/errors";
import { afterEach, describe, expect, it, vi } from "vitest";
import { environmentCredentials } from "./index";

const ID = "LTAI5tExampleKeyabcd";
const SECRET = "SeCrEtVaLuE0123456789abcdefXYZ";
const TOKEN = "CAIS-ToKeN-VaLuE+/=0123456789";

async function failure(promise: Promise<unknown>): Promise<CredentialsError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CredentialsError);
  return error as CredentialsError;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("environmentCredentials", () => {
  it("reads the three variables from options.env", async () => {
    const provider = environmentCredentials({
      env: { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: SECRET, OSS_SESSION_TOKEN: TOKEN },
    });
    const c = await provider.getCredentials();
    expect([c.accessKeyId, c.accessKeySecret, c.securityToken]).toEqual([ID, SECRET, TOKEN]);
  });

  it("reads process.env by default, on every call", async () => {
    vi.stubEnv("OSS_ACCESS_KEY_ID", ID);
    vi.stubEnv("OSS_ACCESS_KEY_SECRET", SECRET);
    vi.stubEnv("OSS_SESSION_TOKEN", "");
    const provider = environmentCredentials();
    const first = await provider.getCredentials();
    expect(first.securityToken).toBeUndefined();
    expect(await provider.getCredentials()).toBe(first);
    vi.stubEnv("OSS_SESSION_TOKEN", TOKEN);
    const second = await provider.getCredentials();
    expect(second).not.toBe(first);
    expect(second.securityToken).toBe(TOKEN);
  });

  it("names every missing variable, never a value", async () => {
    const both = await failure(environmentCredentials({ env: {} }).getCredentials());
    expect(both.message).toBe(
      "Missing environment variables OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET",
    );
    const secretOnly = await failure(
      environmentCredentials({ env: { OSS_ACCESS_KEY_SECRET: SECRET } }).getCredentials(),
    );
    expect(secretOnly.message).toBe("Missing environment variable OSS_ACCESS_KEY_ID");
    const empty = await failure(
      environmentCredentials({
        env: { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: "" },
      }).getCredentials(),
    );
    expect(empty.message).toBe("Missing environment variable OSS_ACCESS_KEY_SECRET");
  });

  it("names the variable with an invalid value, never the value", async () => {
    const error = await failure(
      environmentCredentials({
        env: { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: `${SECRET}\n` },
      }).getCredentials(),
    );
    expect(error.message).toBe(
      "Environment variable OSS_ACCESS_KEY_SECRET must not have leading or trailing whitespace",
    );
    expect(error.cause).toBeInstanceOf(ValidationError);
    const token = await failure(
      environmentCredentials({
        env: {
          OSS_ACCESS_KEY_ID: ID,
          OSS_ACCESS_KEY_SECRET: SECRET,
          OSS_SESSION_TOKEN: ` ${TOKEN}`,
        },
      }).getCredentials(),
    );
    expect(token.message).toContain("OSS_SESSION_TOKEN");
    expect(token.message).not.toContain(TOKEN);
  });

  it("reads other variable names", async () => {
    const provider = environmentCredentials({
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET },
      variables: {
        accessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID",
        accessKeySecret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
      },
    });
    expect((await provider.getCredentials()).accessKeyId).toBe(ID);
    expect(() => environmentCredentials({ variables: { accessKeyId: "" } })).toThrow(
      ValidationError,
    );
  });

  it("falls back to Deno.env where there is no process", async () => {
    const values: Record<string, string> = {
      OSS_ACCESS_KEY_ID: ID,
      OSS_ACCESS_KEY_SECRET: SECRET,
    };
    vi.stubGlobal("process", undefined);
    vi.stubGlobal("Deno", { env: { get: (name: string) => values[name] } });
    const c = await environmentCredentials().getCredentials();
    expect(c.accessKeySecret).toBe(SECRET);
  });

  it("reports a refused Deno.env read (no --allow-env)", async () => {
    vi.stubGlobal("process", undefined);
    vi.stubGlobal("Deno", {
      env: {
        get: () => {
          throw new Error('Requires env access to "OSS_ACCESS_KEY_ID"');
        },
      },
    });
    const error = await failure(environmentCredentials().getCredentials());
    expect(error.message).toContain("--allow-env");
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("reports a runtime without any environment", async () => {
    vi.stubGlobal("process", undefined);
    vi.stubGlobal("Deno", undefined);
    const error = await failure(environmentCredentials().getCredentials());
    expect(error.message).toContain("pass options.env");
  });
});
