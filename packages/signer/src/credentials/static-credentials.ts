import { CredentialsError } from "@oss-kit/errors";
import { throwIfAborted } from "./abort";
import {
  type Credentials,
  type CredentialsInput,
  createCredentials,
  expiresAtOf,
  maskAccessKeyId,
} from "./credentials";
import { denoInspect, inspectAs, nodeInspect } from "./inspect";
import type { CredentialsProvider, GetCredentialsOptions } from "./provider";

class StaticCredentialsProvider implements CredentialsProvider {
  readonly #credentials: Credentials;

  constructor(input: CredentialsInput | Credentials) {
    this.#credentials = createCredentials(input);
    Object.freeze(this);
  }

  async getCredentials(options: GetCredentialsOptions = {}): Promise<Credentials> {
    throwIfAborted(options.signal);
    const credentials = this.#credentials;
    const expiresAt = expiresAtOf(credentials);
    if (expiresAt <= Date.now()) {
      throw new CredentialsError(
        `The static credentials ${maskAccessKeyId(credentials.accessKeyId)} expired at ${new Date(expiresAt).toISOString()}`,
      );
    }
    return credentials;
  }

  toString(): string {
    return `StaticCredentialsProvider ${String(this.#credentials)}`;
  }

  toJSON(): object {
    return { provider: "static", credentials: this.#credentials };
  }

  [nodeInspect](depth: unknown, options: unknown, inspect: unknown): string {
    return inspectAs(
      "StaticCredentialsProvider",
      { credentials: this.#credentials },
      depth,
      options,
      inspect,
    );
  }

  [denoInspect](): string {
    return this.toString();
  }
}

/**
 * A provider that always hands out the same credentials, checked once, here.
 *
 * If they carry an `expiration`, calls after it reject with a `CredentialsError`.
 *
 * @throws {ValidationError} when the credentials are malformed (see {@link createCredentials}).
 *
 * @example
 * ```ts
 * const provider = staticCredentials({
 *   accessKeyId: "LTAI5tExampleKeyabcd",
 *   accessKeySecret: "example-secret",
 * });
 * const credentials = await provider.getCredentials();
 * ```
 */
export function staticCredentials(input: CredentialsInput | Credentials): CredentialsProvider {
  return new StaticCredentialsProvider(input);
}
