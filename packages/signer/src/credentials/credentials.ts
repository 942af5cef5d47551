import { ValidationError } from "@oss-kit/errors";
import { denoInspect, inspectAs, nodeInspect } from "./inspect";

/**
 * What a request is signed with: an AccessKey pair, plus the security token and expiry of
 * temporary (STS) credentials. The signer consumes exactly this shape.
 *
 * Objects made by {@link createCredentials} (and returned by every provider of this package) are
 * frozen snapshots: they are replaced, never changed, so the fields always belong together.
 */
export interface Credentials {
  /** The AccessKey ID, e.g. `"LTAI5t..."` or, for STS, `"STS.NU..."`. */
  readonly accessKeyId: string;
  /** The AccessKey secret. */
  readonly accessKeySecret: string;
  /** The STS security token of temporary credentials, sent as `x-oss-security-token`. */
  readonly securityToken?: string | undefined;
  /** When temporary credentials stop working; absent for long-term keys. */
  readonly expiration?: Date | undefined;
}

/**
 * What {@link createCredentials} accepts: the fields of {@link Credentials}, with `expiration`
 * also as an ISO 8601 string (as STS returns it) or epoch milliseconds. `null` counts as absent.
 */
export interface CredentialsInput {
  /** The AccessKey ID. */
  accessKeyId: string;
  /** The AccessKey secret. */
  accessKeySecret: string;
  /** The STS security token, for temporary credentials. */
  securityToken?: string | null | undefined;
  /** When the credentials expire: a `Date`, an ISO 8601 string or epoch milliseconds. */
  expiration?: Date | string | number | null | undefined;
}

/** The secret parts of each snapshot, kept out of the object itself. */
const secrets = new WeakMap<object, { secret: string; token: string | undefined }>();

function secretsOf(credentials: object): { secret: string; token: string | undefined } {
  const found = secrets.get(credentials);
  if (found === undefined)
    throw new TypeError("Not a Credentials object made by createCredentials");
  return found;
}

/**
 * A frozen credentials snapshot. The secret and the token live in a module-private `WeakMap` and
 * are read through getters on the prototype, so they are not own properties: spreading, `Object.keys`,
 * `JSON.stringify`, `String()` and `util.inspect` never show them.
 */
class CredentialsSnapshot implements Credentials {
  declare readonly accessKeyId: string;
  declare readonly expiration?: Date;

  constructor(
    accessKeyId: string,
    accessKeySecret: string,
    securityToken: string | undefined,
    expiresAt: number | undefined,
  ) {
    Object.defineProperty(this, "accessKeyId", { value: accessKeyId, enumerable: true });
    if (expiresAt !== undefined) {
      // A fresh Date on every read: a Date is mutable, the snapshot must not be.
      Object.defineProperty(this, "expiration", {
        get: () => new Date(expiresAt),
        enumerable: true,
      });
    }
    secrets.set(this, { secret: accessKeySecret, token: securityToken });
    Object.freeze(this);
  }

  /** The AccessKey secret; a getter, not an own property. */
  get accessKeySecret(): string {
    return secretsOf(this).secret;
  }

  /** The STS security token, if any; a getter, not an own property. */
  get securityToken(): string | undefined {
    return secretsOf(this).token;
  }

  get [Symbol.toStringTag](): string {
    return "Credentials";
  }

  /** What may be shown: the masked ID, whether there is a token, and the expiry. */
  #summary(): { accessKeyId: string; hasSecurityToken: boolean; expiration?: string } {
    const summary: { accessKeyId: string; hasSecurityToken: boolean; expiration?: string } = {
      accessKeyId: maskAccessKeyId(this.accessKeyId),
      hasSecurityToken: this.securityToken !== undefined,
    };
    const expiration = this.expiration;
    if (expiration !== undefined) summary.expiration = expiration.toISOString();
    return summary;
  }

  /** `Credentials {"accessKeyId":"LTAI****abcd","hasSecurityToken":false}`: never the secret. */
  toString(): string {
    return `Credentials ${JSON.stringify(this.#summary())}`;
  }

  /** The safe summary: `JSON.stringify` never writes the secret or the token. */
  toJSON(): { accessKeyId: string; hasSecurityToken: boolean; expiration?: string } {
    return this.#summary();
  }

  [nodeInspect](depth: unknown, options: unknown, inspect: unknown): string {
    return inspectAs("Credentials", this.#summary(), depth, options, inspect, true);
  }

  [denoInspect](): string {
    return this.toString();
  }
}

/**
 * Masks an AccessKey ID for display: the first and last four characters of IDs of 12 or more
 * characters (`"LTAI****abcd"`), else `"****"`.
 *
 * @example
 * ```ts
 * maskAccessKeyId("LTAI5tExampleKeyabcd"); // "LTAI****abcd"
 * ```
 */
export function maskAccessKeyId(accessKeyId: string): string {
  if (accessKeyId.length >= 12) return `${accessKeyId.slice(0, 4)}****${accessKeyId.slice(-4)}`;
  return "****";
}

/** Whether `value` is a snapshot made by {@link createCredentials}. */
export function isCredentialsSnapshot(value: unknown): value is Credentials {
  return typeof value === "object" && value !== null && secrets.has(value);
}

/** Printable ASCII (no control characters, no line breaks that could split a header). */
const PRINTABLE = /^[\x20-\x7e]*$/;

function checkKey(value: unknown, field: string, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required)
      throw new ValidationError({ field, rule: "is required", operation: "createCredentials" });
    return undefined;
  }
  const fail = (rule: string): never => {
    throw new ValidationError({ field, rule, operation: "createCredentials" });
  };
  if (typeof value !== "string") return fail("must be a string");
  if (value.length === 0)
    return fail(required ? "must not be empty" : "must not be empty (omit it instead)");
  if (value.trim() !== value) return fail("must not have leading or trailing whitespace");
  if (!PRINTABLE.test(value)) return fail("must contain only printable ASCII characters");
  return value;
}

function parseExpiration(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  let ms: number;
  if (Object.prototype.toString.call(value) === "[object Date]") {
    ms = Date.prototype.getTime.call(value);
  } else if (typeof value === "string") {
    ms = value.trim() === "" ? Number.NaN : Date.parse(value);
  } else if (typeof value === "number") {
    ms = value;
  } else {
    throw new ValidationError({
      field: "expiration",
      rule: "must be a Date, an ISO 8601 string or epoch milliseconds",
      operation: "createCredentials",
    });
  }
  if (!Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) {
    throw new ValidationError({
      field: "expiration",
      rule: "must be a valid date",
      operation: "createCredentials",
    });
  }
  return ms;
}

/**
 * Checks credentials and makes a frozen snapshot of them that hides its secrets from logs.
 *
 * The secret and token stay readable as `accessKeySecret` and `securityToken` (the signer needs
 * them) but are not own properties: `String(c)`, `JSON.stringify(c)`, `util.inspect(c)`,
 * `console.log(c)` and `{ ...c }` show only the masked ID (`LTAI****abcd`), whether there is a
 * token, and the expiry.
 *
 * @throws {ValidationError} naming the field (`accessKeyId`, `accessKeySecret`,
 *   `securityToken`, `expiration`) when a key is missing, empty, not a string, has surrounding
 *   whitespace or non-printable characters, or the expiration is not a valid date. The message
 *   never contains the value.
 *
 * @example
 * ```ts
 * const credentials = createCredentials({
 *   accessKeyId: "LTAI5tExampleKeyabcd",
 *   accessKeySecret: process.env.OSS_ACCESS_KEY_SECRET!,
 * });
 * console.log(credentials); // Credentials { accessKeyId: 'LTAI****abcd', hasSecurityToken: false }
 * credentials.accessKeySecret; // still readable
 * ```
 */
export function createCredentials(input: CredentialsInput | Credentials): Credentials {
  if (isCredentialsSnapshot(input)) return input;
  if (typeof input !== "object" || input === null) {
    throw new ValidationError({
      field: "credentials",
      rule: "must be an object with accessKeyId and accessKeySecret",
      operation: "createCredentials",
    });
  }
  const raw = input as unknown as Record<string, unknown>;
  const accessKeyId = checkKey(raw.accessKeyId, "accessKeyId", true) as string;
  const accessKeySecret = checkKey(raw.accessKeySecret, "accessKeySecret", true) as string;
  const securityToken = checkKey(raw.securityToken, "securityToken", false);
  const expiresAt = parseExpiration(raw.expiration);
  return new CredentialsSnapshot(accessKeyId, accessKeySecret, securityToken, expiresAt);
}

/** The expiry of credentials in epoch milliseconds; `Infinity` when they do not expire. */
export function expiresAtOf(credentials: Credentials): number {
  const expiration = credentials.expiration;
  return expiration === undefined ? Number.POSITIVE_INFINITY : expiration.getTime();
}
