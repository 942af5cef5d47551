import type { Credentials } from "./credentials";

/** Options of {@link CredentialsProvider.getCredentials}. */
export interface GetCredentialsOptions {
  /** Stops waiting: the call rejects with an `AbortError`. Work shared with other callers goes on. */
  signal?: AbortSignal | undefined;
  /**
   * Fetch new credentials even if the cached ones are still valid, e.g. after OSS rejected them
   * (`InvalidAccessKeyId`, `SecurityTokenExpired`). Providers without anything to refresh ignore it.
   */
  forceRefresh?: boolean | undefined;
}

/**
 * Anything that can hand out {@link Credentials}: the signer asks it before every request.
 *
 * @example
 * ```ts
 * const provider: CredentialsProvider = {
 *   async getCredentials() {
 *     return createCredentials(await loadFromVault());
 *   },
 * };
 * ```
 */
export interface CredentialsProvider {
  /** Resolves to credentials valid now; rejects with a `CredentialsError` when there are none. */
  getCredentials(options?: GetCredentialsOptions): Promise<Credentials>;
}
