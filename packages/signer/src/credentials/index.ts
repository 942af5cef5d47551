/**
 * Credentials and credential providers: static keys, environment variables, refreshing STS
 * credentials and chains of providers. Every credentials object is a frozen snapshot that never
 * shows its secret or token when printed, logged or serialized.
 *
 * @module
 */
export { chainCredentials } from "./chain-credentials";
export {
  type Credentials,
  type CredentialsInput,
  createCredentials,
  isCredentialsSnapshot,
  maskAccessKeyId,
} from "./credentials";
export {
  type EnvironmentCredentialsOptions,
  type EnvironmentVariableNames,
  environmentCredentials,
} from "./environment-credentials";
export type { CredentialsProvider, GetCredentialsOptions } from "./provider";
export {
  type RefreshingCredentialsOptions,
  refreshingCredentials,
} from "./refreshing-credentials";
export { staticCredentials } from "./static-credentials";
