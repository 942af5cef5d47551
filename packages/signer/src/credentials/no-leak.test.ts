import { Console } from "node:console";
import { Writable } from "node:stream";
import { format, inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  type CredentialsProvider,
  chainCredentials,
  createCredentials,
  environmentCredentials,
  refreshingCredentials,
  staticCredentials,
} from "./index";

const ID = "LTAI5tExampleKeyabcd";
const SECRET = "SeCrEtVaLuE0123456789abcdefXYZ";
const TOKEN = "CAIS-ToKeN-VaLuE+/=0123456789";
const FORBIDDEN = [SECRET, TOKEN];
const INPUT = { accessKeyId: ID, accessKeySecret: SECRET, securityToken: TOKEN };

/** What `console.log` writes, through a real Console. */
function consoleLog(...values: unknown[]): string {
  let out = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  new Console({ stdout: stream, stderr: stream }).log(...values);
  return out;
}

/** Every way a value usually ends up in a log. */
function renderings(value: unknown): Record<string, string> {
  const own = value as Record<string, unknown>;
  return {
    String: String(value),
    template: `${value}`,
    "JSON.stringify": JSON.stringify(value) ?? "",
    "JSON.stringify nested": JSON.stringify({ value, list: [value] }),
    "JSON.stringify spread": JSON.stringify({ ...own }),
    inspect: inspect(value),
    "inspect depth 5": inspect(value, { depth: 5, showHidden: false }),
    "inspect showHidden": inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    "inspect no customInspect": inspect(value, {
      depth: Number.POSITIVE_INFINITY,
      showHidden: true,
      customInspect: false,
    }),
    "inspect nested": inspect({ deep: { deeper: [value] } }, { depth: 10, showHidden: true }),
    "inspect spread": inspect({ ...own }, { showHidden: true, getters: true }),
    "format %o": format("%o", value),
    "format %O": format("%O", value),
    "format %j": format("%j", value),
    "format %s": format("%s", value),
    "format %o nested": format("%o", { value }),
    format: format(value),
    "console.log": consoleLog(value),
    "console.log nested": consoleLog("creds:", { value }),
    "own properties": Reflect.ownKeys(own)
      .map((key) => `${String(key)}=${String(own[key as string])}`)
      .join(","),
    "for..in": Object.entries(own).map(String).join(","),
    structuredClone: inspect(structuredClone({ ...own }), { showHidden: true }),
  };
}

function expectClean(what: string, value: unknown): void {
  for (const [how, text] of Object.entries(renderings(value))) {
    for (const secret of FORBIDDEN) {
      expect(text.includes(secret), `${what} leaked through ${how}: ${text}`).toBe(false);
    }
  }
}

/** Rejected promise → its error, checked in message, String, and full inspect with causes. */
async function expectCleanError(what: string, run: () => unknown): Promise<void> {
  let error: unknown;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  expect(error, `${what} should fail`).toBeInstanceOf(Error);
  const texts = {
    message: (error as Error).message,
    String: String(error),
    inspect: inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    "console.log": consoleLog(error),
    JSON: JSON.stringify(error),
  };
  for (const [how, text] of Object.entries(texts)) {
    for (const secret of FORBIDDEN) {
      expect(text.includes(secret), `${what} leaked through the error's ${how}: ${text}`).toBe(
        false,
      );
    }
  }
}

describe("secrets never leak", () => {
  it("from a credentials object, yet stay readable", () => {
    const c = createCredentials({ ...INPUT, expiration: "2030-01-01T00:00:00Z" });
    expectClean("credentials", c);
    expect(c.accessKeySecret).toBe(SECRET);
    expect(c.securityToken).toBe(TOKEN);
  });

  it("shows the masked ID, the token flag and the expiry instead", () => {
    const c = createCredentials({ ...INPUT, expiration: "2030-01-01T00:00:00Z" });
    const summary =
      '{"accessKeyId":"LTAI****abcd","hasSecurityToken":true,"expiration":"2030-01-01T00:00:00.000Z"}';
    expect(String(c)).toBe(`Credentials ${summary}`);
    expect(JSON.stringify(c)).toBe(summary);
    expect(inspect(c)).toBe(
      "Credentials {\n  accessKeyId: 'LTAI****abcd',\n  hasSecurityToken: true,\n  expiration: '2030-01-01T00:00:00.000Z'\n}",
    );
    expect(inspect({ a: { b: c } }, { depth: 0 })).toBe("{ a: [Object] }");
    expect(format("%o", c)).toContain("LTAI****abcd");
    expect(inspect(staticCredentials(c))).toBe(
      "StaticCredentialsProvider {\n  credentials: Credentials {\n    accessKeyId: 'LTAI****abcd',\n    hasSecurityToken: true,\n    expiration: '2030-01-01T00:00:00.000Z'\n  }\n}",
    );
  });

  it("from every provider, before and after it cached credentials", async () => {
    let release: (() => void) | undefined;
    let fetches = 0;
    const refreshing = refreshingCredentials({
      fetch: async () => {
        fetches += 1;
        if (fetches > 1) await new Promise<void>((resolve) => (release = resolve));
        return { ...INPUT, expiration: Date.now() + 60_000 };
      },
    });
    const providers: Record<string, CredentialsProvider> = {
      static: staticCredentials(INPUT),
      environment: environmentCredentials({
        env: {
          OSS_ACCESS_KEY_ID: ID,
          OSS_ACCESS_KEY_SECRET: SECRET,
          OSS_SESSION_TOKEN: TOKEN,
        },
      }),
      refreshing,
      chain: chainCredentials(environmentCredentials({ env: {} }), staticCredentials(INPUT)),
    };
    for (const [name, provider] of Object.entries(providers)) {
      expectClean(`${name} provider (fresh)`, provider);
      const c = await provider.getCredentials();
      expect(c.accessKeySecret).toBe(SECRET);
      expectClean(`${name} provider (cached)`, provider);
      expect(Object.keys(provider)).toEqual([]);
    }
    // While a refresh is in flight.
    const forced = refreshing.getCredentials({ forceRefresh: true });
    expectClean("refreshing provider (refreshing)", refreshing);
    await vi.waitFor(() => expect(release).toBeDefined());
    release?.();
    await forced;
    expectClean("refreshing provider (refreshed)", refreshing);
  });

  it("from any error path", async () => {
    const cases: Array<[string, () => unknown]> = [
      [
        "secret with whitespace",
        () => createCredentials({ ...INPUT, accessKeySecret: ` ${SECRET}` }),
      ],
      [
        "secret with a newline",
        () => createCredentials({ ...INPUT, accessKeySecret: `${SECRET}\n` }),
      ],
      [
        "secret not a string",
        () => createCredentials({ ...INPUT, accessKeySecret: [SECRET] as never }),
      ],
      ["token with whitespace", () => createCredentials({ ...INPUT, securityToken: `${TOKEN} ` })],
      ["missing id", () => createCredentials({ ...INPUT, accessKeyId: "" })],
      ["bad expiration", () => createCredentials({ ...INPUT, expiration: "never" })],
      ["static, bad input", () => staticCredentials({ ...INPUT, accessKeySecret: `${SECRET} ` })],
      ["static, expired", () => staticCredentials({ ...INPUT, expiration: 0 }).getCredentials()],
      [
        "environment, id missing",
        () =>
          environmentCredentials({
            env: { OSS_ACCESS_KEY_SECRET: SECRET, OSS_SESSION_TOKEN: TOKEN },
          }).getCredentials(),
      ],
      [
        "environment, secret invalid",
        () =>
          environmentCredentials({
            env: { OSS_ACCESS_KEY_ID: ID, OSS_ACCESS_KEY_SECRET: `${SECRET}\r\n` },
          }).getCredentials(),
      ],
      [
        "environment, token invalid",
        () =>
          environmentCredentials({
            env: {
              OSS_ACCESS_KEY_ID: ID,
              OSS_ACCESS_KEY_SECRET: SECRET,
              OSS_SESSION_TOKEN: `\t${TOKEN}`,
            },
          }).getCredentials(),
      ],
      [
        "refreshing, invalid fetched credentials",
        () =>
          refreshingCredentials({
            fetch: async () => ({ ...INPUT, accessKeySecret: `${SECRET} ` }),
          }).getCredentials(),
      ],
      [
        "refreshing, fetched credentials already expired",
        () =>
          refreshingCredentials({
            fetch: async () => ({ ...INPUT, expiration: 0 }),
          }).getCredentials(),
      ],
      [
        "refreshing, fetch failed",
        () =>
          refreshingCredentials({
            fetch: async () => {
              throw new Error("HTTP 500");
            },
          }).getCredentials(),
      ],
      [
        "refreshing, timeout",
        () =>
          refreshingCredentials({
            fetch: () => new Promise(() => {}),
            fetchTimeoutMs: 1,
          }).getCredentials(),
      ],
      [
        "refreshing, backoff and forced failure",
        async () => {
          let clock = 0;
          let fail = false;
          const provider = refreshingCredentials({
            now: () => clock,
            fetch: async () => {
              if (fail) throw new Error("HTTP 503");
              return { ...INPUT, expiration: clock + 60_000 };
            },
          });
          await provider.getCredentials();
          fail = true;
          await expectCleanError("forced", () => provider.getCredentials({ forceRefresh: true }));
          clock += 120_000;
          await provider.getCredentials(); // within the backoff: fails fast
        },
      ],
      [
        "chain, all failed (one with invalid credentials)",
        () =>
          chainCredentials(
            { getCredentials: async () => ({ ...INPUT, accessKeySecret: `${SECRET}\n` }) },
            environmentCredentials({ env: { OSS_ACCESS_KEY_SECRET: SECRET } }),
            refreshingCredentials({
              fetch: async () => ({ ...INPUT, securityToken: ` ${TOKEN}` }),
            }),
          ).getCredentials(),
      ],
      [
        "chain, remembered provider returns invalid credentials",
        async () => {
          let calls = 0;
          const chain = chainCredentials({
            getCredentials: async () =>
              ++calls === 1 ? INPUT : { ...INPUT, accessKeySecret: ` ${SECRET}` },
          });
          await chain.getCredentials();
          await chain.getCredentials();
        },
      ],
    ];
    for (const [what, run] of cases) await expectCleanError(what, run);
  });

  it("redacts the current secret when a failing fetch echoes it", async () => {
    let clock = 0;
    let echo = false;
    const provider = refreshingCredentials({
      now: () => clock,
      fetch: async () => {
        if (echo) throw new Error(`upstream rejected key ${SECRET} with token ${TOKEN}`);
        return { ...INPUT, expiration: clock + 60_000 };
      },
    });
    await provider.getCredentials();
    echo = true;
    clock += 120_000;
    const error = await provider.getCredentials().then(
      () => new Error("expected a failure"),
      (e: unknown) => e as Error,
    );
    expect(error.message).toBe(
      "Credentials expired at 1970-01-01T00:01:00.000Z and could not be refreshed: fetching failed: upstream rejected key **** with token ****",
    );
  });
});
