import { AbortError, CredentialsError, ValidationError } from "@oss-kit/errors";
import { describe, expect, it, vi } from "vitest";
import {
  type Credentials,
  type CredentialsProvider,
  chainCredentials,
  environmentCredentials,
  type GetCredentialsOptions,
  isCredentialsSnapshot,
  staticCredentials,
} from "./index";

const ID = "LTAI5tExampleKeyabcd";
const SECRET = "SeCrEtVaLuE0123456789abcdefXYZ";

function failing(message: string): CredentialsProvider & { calls: number } {
  const provider = {
    calls: 0,
    async getCredentials(): Promise<Credentials> {
      provider.calls += 1;
      throw new CredentialsError(message);
    },
  };
  return provider;
}

describe("chainCredentials", () => {
  it("uses the first provider that yields credentials, and remembers it", async () => {
    const first = failing("nothing here");
    const inner = staticCredentials({ accessKeyId: ID, accessKeySecret: SECRET });
    const spy = vi.fn((options?: GetCredentialsOptions) => inner.getCredentials(options));
    const second: CredentialsProvider = { getCredentials: spy };
    const third = failing("never asked");
    const chain = chainCredentials(first, second, third);

    const a = await chain.getCredentials();
    expect(a.accessKeySecret).toBe(SECRET);
    const b = await chain.getCredentials({ forceRefresh: true });
    expect(b).toBe(a);
    expect(first.calls).toBe(1);
    expect(third.calls).toBe(0);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy).toHaveBeenLastCalledWith({ forceRefresh: true });
    expect(JSON.parse(JSON.stringify(chain)).selected).toBe("[2] provider");
  });

  it("lists every failure when all fail, with an AggregateError cause", async () => {
    const chain = chainCredentials(
      environmentCredentials({ env: {} }),
      failing("token service unreachable"),
    );
    const error = await chain.getCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toBe(
      "No credentials provider in the chain succeeded:\n" +
        "  [1] EnvironmentCredentialsProvider: Missing environment variables OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET\n" +
        "  [2] provider: token service unreachable",
    );
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(AggregateError);
    expect((cause as AggregateError).errors).toHaveLength(2);
  });

  it("turns a custom provider's plain object into a frozen snapshot", async () => {
    const shared = { accessKeyId: ID, accessKeySecret: SECRET };
    const chain = chainCredentials({ getCredentials: async () => shared });
    const c = await chain.getCredentials();
    expect(isCredentialsSnapshot(c)).toBe(true);
    shared.accessKeySecret = "mutated later";
    expect(c.accessKeySecret).toBe(SECRET);
  });

  it("names its own providers by class", async () => {
    const chain = chainCredentials(
      environmentCredentials({ env: {} }),
      staticCredentials({ accessKeyId: ID, accessKeySecret: SECRET }),
    );
    await chain.getCredentials();
    expect(JSON.parse(JSON.stringify(chain))).toEqual({
      provider: "chain",
      providers: ["[1] EnvironmentCredentialsProvider", "[2] StaticCredentialsProvider"],
      selected: "[2] StaticCredentialsProvider",
    });
  });

  it("counts invalid credentials from a provider as its failure", async () => {
    const chain = chainCredentials(
      { getCredentials: async () => ({ accessKeyId: ID, accessKeySecret: ` ${SECRET}` }) },
      staticCredentials({ accessKeyId: ID, accessKeySecret: SECRET }),
    );
    expect((await chain.getCredentials()).accessKeySecret).toBe(SECRET);
  });

  it("stops at once on abort", async () => {
    const controller = new AbortController();
    const second = failing("unused");
    const chain = chainCredentials(
      {
        async getCredentials() {
          controller.abort();
          throw new AbortError();
        },
      },
      second,
    );
    await expect(chain.getCredentials({ signal: controller.signal })).rejects.toBeInstanceOf(
      AbortError,
    );
    expect(second.calls).toBe(0);
  });

  it("checks its providers", () => {
    expect(() => chainCredentials()).toThrow(ValidationError);
    expect(() =>
      chainCredentials(
        staticCredentials({ accessKeyId: ID, accessKeySecret: SECRET }),
        {} as never,
      ),
    ).toThrow(expect.objectContaining({ field: "providers[1]" }));
  });
});
