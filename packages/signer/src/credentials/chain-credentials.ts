import { AbortError, CredentialsError, ValidationError } from "@oss-kit/errors";
import { throwIfAborted } from "./abort";
import { type Credentials, createCredentials, isCredentialsSnapshot } from "./credentials";
import { denoInspect, inspectAs, nodeInspect } from "./inspect";
import { errorMessage } from "./messages";
import type { CredentialsProvider, GetCredentialsOptions } from "./provider";

const OPERATION = "chainCredentials";

/** A name for a provider in messages: its class name, else its position. */
function label(provider: CredentialsProvider, index: number): string {
  const name = (provider as { constructor?: { name?: unknown } }).constructor?.name;
  const described =
    typeof name === "string" && name !== "" && name !== "Object" ? name : "provider";
  return `[${index + 1}] ${described}`;
}

/**
 * What a provider returned, as a frozen snapshot: a custom provider may return a plain object,
 * possibly one it goes on changing.
 */
function snapshot(value: unknown, where: string): Credentials {
  if (isCredentialsSnapshot(value)) return value;
  try {
    return createCredentials(value as Credentials);
  } catch (error) {
    throw new CredentialsError(`${where} returned invalid credentials: ${errorMessage(error)}`, {
      cause: error,
      operation: OPERATION,
    });
  }
}

class ChainCredentialsProvider implements CredentialsProvider {
  readonly #providers: readonly CredentialsProvider[];
  /** The provider that first yielded credentials; asked alone from then on. */
  #winner: { provider: CredentialsProvider; label: string } | undefined;

  constructor(providers: readonly CredentialsProvider[]) {
    if (providers.length === 0) {
      throw new ValidationError({
        field: "providers",
        rule: "must contain at least one provider",
        operation: OPERATION,
      });
    }
    providers.forEach((provider, index) => {
      if (
        typeof provider !== "object" ||
        provider === null ||
        typeof provider.getCredentials !== "function"
      ) {
        throw new ValidationError({
          field: `providers[${index}]`,
          rule: "must be an object with a getCredentials method",
          operation: OPERATION,
        });
      }
    });
    this.#providers = Object.freeze([...providers]);
    Object.freeze(this);
  }

  async getCredentials(options: GetCredentialsOptions = {}): Promise<Credentials> {
    const { signal } = options;
    throwIfAborted(signal);
    const winner = this.#winner;
    if (winner !== undefined) {
      return snapshot(await winner.provider.getCredentials(options), winner.label);
    }

    const failures: Array<{ label: string; error: unknown }> = [];
    for (const [index, provider] of this.#providers.entries()) {
      throwIfAborted(signal);
      const where = label(provider, index);
      try {
        const credentials = snapshot(await provider.getCredentials(options), where);
        // Concurrent first calls may each find one; the first to finish is remembered.
        this.#winner ??= { provider, label: where };
        return credentials;
      } catch (error) {
        if (signal?.aborted && error instanceof AbortError) throw error;
        failures.push({ label: where, error });
      }
    }
    const lines = failures.map((f) => `  ${f.label}: ${errorMessage(f.error)}`);
    const message = `No credentials provider in the chain succeeded:\n${lines.join("\n")}`;
    throw new CredentialsError(message, {
      cause: new AggregateError(
        failures.map((f) => f.error),
        message,
      ),
      operation: OPERATION,
    });
  }

  toJSON(): object {
    return {
      provider: "chain",
      providers: this.#providers.map(label),
      selected: this.#winner?.label ?? null,
    };
  }

  toString(): string {
    return `ChainCredentialsProvider ${JSON.stringify(this.toJSON())}`;
  }

  [nodeInspect](depth: unknown, options: unknown, inspect: unknown): string {
    return inspectAs("ChainCredentialsProvider", this.toJSON(), depth, options, inspect);
  }

  [denoInspect](): string {
    return this.toString();
  }
}

/**
 * A provider that asks each provider in turn; the first to yield credentials wins and is the
 * only one asked from then on (its later failures are not covered by the others).
 *
 * When all fail: a `CredentialsError` listing each provider's failure message, with an
 * `AggregateError` of the failures as `cause`. An abort stops the chain at once.
 *
 * @throws {ValidationError} when no provider is given, or one has no `getCredentials`.
 *
 * @example
 * ```ts
 * const provider = chainCredentials(
 *   environmentCredentials(),
 *   refreshingCredentials({ fetch: fetchFromMyTokenService }),
 * );
 * ```
 */
export function chainCredentials(...providers: CredentialsProvider[]): CredentialsProvider {
  return new ChainCredentialsProvider(providers);
}
