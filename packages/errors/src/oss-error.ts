/** Where every oss-kit error keeps the names of the classes it belongs to. */
const BRANDS: unique symbol = Symbol.for("oss-kit.error.brands") as never;

/** Options shared by every oss-kit error. */
export interface OssErrorOptions {
  /** The error that caused this one, kept as `error.cause`. */
  cause?: unknown;
  /** The OSS operation that failed, e.g. `"PutObject"`, or the API that rejected its input. */
  operation?: string;
}

type Branded = { [BRANDS]?: ReadonlySet<string> };

/**
 * The base class of every error oss-kit throws.
 *
 * Each error has a stable {@link OssError.code} to switch on, keeps the error that caused it in
 * `cause`, and carries its data as fields rather than only in the message.
 *
 * `instanceof` works across two installed copies of oss-kit (a facade and a package of another
 * version, say): every class is branded with a registry symbol and checks the brand, not the
 * prototype chain.
 *
 * @example
 * ```ts
 * try {
 *   await signer.presign(request, { expiresIn: 30 * 86400 });
 * } catch (error) {
 *   if (error instanceof OssError) console.error(error.code, error.message);
 * }
 * ```
 */
export class OssError extends Error {
  /** The name every instance of this class is branded with; each subclass sets its own. */
  static readonly errorName: string = "OssError";

  /** A stable, documented identifier of what went wrong, e.g. `"ERR_OSS_VALIDATION"`. */
  readonly code: string;
  /** The OSS operation that failed, when known. */
  readonly operation: string | undefined;

  constructor(code: string, message: string, options: OssErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.operation = options.operation;
    const ctor = new.target as typeof OssError;
    this.name = ctor.errorName;
    const brands = new Set<string>();
    for (
      let c: unknown = ctor;
      typeof c === "function" && c !== Error;
      c = Object.getPrototypeOf(c)
    ) {
      if (Object.hasOwn(c, "errorName")) brands.add((c as typeof OssError).errorName);
    }
    Object.defineProperty(this, BRANDS, { value: brands, enumerable: false });
  }

  /** Brand check, so `instanceof` holds across copies of the package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // A user's subclass that did not set its own errorName falls back to the prototype chain.
    if (!Object.hasOwn(this, "errorName")) {
      return Function.prototype[Symbol.hasInstance].call(this, value);
    }
    if (typeof value !== "object" || value === null) return false;
    const brands = (value as Branded)[BRANDS];
    return brands instanceof Set && brands.has(this.errorName);
  }
}
