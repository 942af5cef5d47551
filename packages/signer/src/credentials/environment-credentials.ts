import { CredentialsError, ValidationError } from "@oss-kit/errors";
import { throwIfAborted } from "./abort";
import { type Credentials, createCredentials } from "./credentials";
import { denoInspect, inspectAs, nodeInspect } from "./inspect";
import type { CredentialsProvider, GetCredentialsOptions } from "./provider";

/** Names of the environment variables {@link environmentCredentials} reads. */
export interface EnvironmentVariableNames {
  /** Default `"OSS_ACCESS_KEY_ID"`. */
  accessKeyId?: string | undefined;
  /** Default `"OSS_ACCESS_KEY_SECRET"`. */
  accessKeySecret?: string | undefined;
  /** Default `"OSS_SESSION_TOKEN"`. */
  securityToken?: string | undefined;
}

/** Options of {@link environmentCredentials}. */
export interface EnvironmentCredentialsOptions {
  /**
   * Where to read the variables; default `process.env` (Node, Bun, Deno 2), else `Deno.env`.
   * Browsers and workers have neither: pass the values here.
   */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Other variable names, e.g. `{ accessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID", ... }`. */
  variables?: EnvironmentVariableNames | undefined;
}

type Reader = (name: string) => string | undefined;

/** Why the environment could not be read at all, or a reader for it. */
type Source = { read: Reader } | { error: string; cause?: unknown };

function defaultSource(): Source {
  const global = globalThis as {
    process?: { env?: unknown };
    Deno?: { env?: { get?: unknown } };
  };
  let env: unknown;
  try {
    env = global.process?.env;
  } catch (error) {
    return { error: "reading process.env was refused", cause: error };
  }
  if (typeof env === "object" && env !== null) {
    const record = env as Record<string, unknown>;
    return { read: (name) => asString(record[name]) };
  }
  let denoEnv: { get?: unknown } | undefined;
  try {
    denoEnv = global.Deno?.env;
  } catch (error) {
    return { error: "reading Deno.env was refused", cause: error };
  }
  if (denoEnv !== undefined && typeof denoEnv.get === "function") {
    const get = denoEnv.get as (name: string) => unknown;
    return { read: (name) => asString(get.call(denoEnv, name)) };
  }
  return {
    error:
      "this runtime has no environment (neither process.env nor Deno.env); pass options.env instead",
  };
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function checkName(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length === 0) {
    throw new ValidationError({
      field,
      rule: "must be a non-empty string",
      operation: "environmentCredentials",
    });
  }
  return value;
}

class EnvironmentCredentialsProvider implements CredentialsProvider {
  readonly #env: Readonly<Record<string, string | undefined>> | undefined;
  readonly #names: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  /** The last snapshot, and the values it was made from, to hand out the same object again. */
  #last: { key: string; credentials: Credentials } | undefined;

  constructor(options: EnvironmentCredentialsOptions) {
    if (options.env !== undefined && (typeof options.env !== "object" || options.env === null)) {
      throw new ValidationError({
        field: "env",
        rule: "must be an object of variable names to values",
        operation: "environmentCredentials",
      });
    }
    this.#env = options.env;
    const variables = options.variables ?? {};
    this.#names = {
      accessKeyId: checkName(variables.accessKeyId, "variables.accessKeyId") ?? "OSS_ACCESS_KEY_ID",
      accessKeySecret:
        checkName(variables.accessKeySecret, "variables.accessKeySecret") ??
        "OSS_ACCESS_KEY_SECRET",
      securityToken:
        checkName(variables.securityToken, "variables.securityToken") ?? "OSS_SESSION_TOKEN",
    };
    Object.freeze(this);
  }

  async getCredentials(options: GetCredentialsOptions = {}): Promise<Credentials> {
    throwIfAborted(options.signal);
    const names = this.#names;
    const env = this.#env;
    const source: Source =
      env === undefined ? defaultSource() : { read: (name) => asString(env[name]) };
    if ("error" in source) {
      throw new CredentialsError(
        `Cannot read ${names.accessKeyId} and ${names.accessKeySecret}: ${source.error}`,
        { cause: source.cause },
      );
    }
    let id: string | undefined;
    let secret: string | undefined;
    let token: string | undefined;
    try {
      id = source.read(names.accessKeyId);
      secret = source.read(names.accessKeySecret);
      token = source.read(names.securityToken);
    } catch (error) {
      // Deno without --allow-env throws on read.
      throw new CredentialsError(
        `Reading the environment variables ${names.accessKeyId}, ${names.accessKeySecret} and ${names.securityToken} was refused (in Deno, grant --allow-env)`,
        { cause: error },
      );
    }
    const missing: string[] = [];
    if (id === undefined) missing.push(names.accessKeyId);
    if (secret === undefined) missing.push(names.accessKeySecret);
    if (id === undefined || secret === undefined) {
      throw new CredentialsError(
        `Missing environment variable${missing.length > 1 ? "s" : ""} ${missing.join(" and ")}`,
      );
    }
    const key = `${id}\u0000${secret}\u0000${token ?? ""}`;
    const last = this.#last;
    if (last !== undefined && last.key === key) return last.credentials;
    let credentials: Credentials;
    try {
      credentials = createCredentials({
        accessKeyId: id,
        accessKeySecret: secret,
        securityToken: token,
      });
    } catch (error) {
      const field = error instanceof ValidationError ? error.field : "";
      const variable =
        field === "accessKeyId"
          ? names.accessKeyId
          : field === "accessKeySecret"
            ? names.accessKeySecret
            : names.securityToken;
      const rule = error instanceof ValidationError ? error.rule : "is invalid";
      throw new CredentialsError(`Environment variable ${variable} ${rule}`, { cause: error });
    }
    this.#last = { key, credentials };
    return credentials;
  }

  toString(): string {
    return `EnvironmentCredentialsProvider ${JSON.stringify(this.toJSON())}`;
  }

  toJSON(): object {
    return { provider: "environment", variables: { ...this.#names } };
  }

  [nodeInspect](depth: unknown, options: unknown, inspect: unknown): string {
    return inspectAs("EnvironmentCredentialsProvider", this.toJSON(), depth, options, inspect);
  }

  [denoInspect](): string {
    return this.toString();
  }
}

/**
 * A provider that reads `OSS_ACCESS_KEY_ID`, `OSS_ACCESS_KEY_SECRET` and, if set,
 * `OSS_SESSION_TOKEN`, on every call (so a rotated environment is picked up).
 *
 * Reads `options.env` if given, else `process.env`, else `Deno.env` (which needs `--allow-env`).
 * Empty variables count as unset. Fails with a `CredentialsError` naming the missing or invalid
 * variables, never their values.
 *
 * @example
 * ```ts
 * // OSS_ACCESS_KEY_ID=... OSS_ACCESS_KEY_SECRET=... node app.js
 * const provider = environmentCredentials();
 * const credentials = await provider.getCredentials();
 * ```
 */
export function environmentCredentials(
  options: EnvironmentCredentialsOptions = {},
): CredentialsProvider {
  return new EnvironmentCredentialsProvider(options);
}
