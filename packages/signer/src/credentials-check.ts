import { ValidationError } from "@oss-kit/errors";
import type { Credentials, CredentialsProvider } from "./credentials/index";

/** Checks the credentials a signing call was given; messages never include a secret. */
export function validateCredentials(credentials: unknown): asserts credentials is Credentials {
  if (typeof credentials !== "object" || credentials === null) {
    throw new ValidationError({ field: "credentials", rule: "are required" });
  }
  const c = credentials as Partial<Credentials>;
  if (typeof c.accessKeyId !== "string" || c.accessKeyId.length === 0) {
    throw new ValidationError({
      field: "credentials.accessKeyId",
      rule: "must be a non-empty string",
    });
  }
  if (typeof c.accessKeySecret !== "string" || c.accessKeySecret.length === 0) {
    throw new ValidationError({
      field: "credentials.accessKeySecret",
      rule: "must be a non-empty string",
    });
  }
  if (
    c.securityToken !== undefined &&
    c.securityToken !== null &&
    typeof c.securityToken !== "string"
  ) {
    throw new ValidationError({ field: "credentials.securityToken", rule: "must be a string" });
  }
}

/** The credentials to sign with: the snapshot given, or one asked of the provider given. */
export async function resolveCredentials(
  credentials: Credentials | CredentialsProvider,
): Promise<Credentials> {
  const resolved =
    typeof credentials === "object" &&
    credentials !== null &&
    typeof (credentials as CredentialsProvider).getCredentials === "function"
      ? await (credentials as CredentialsProvider).getCredentials()
      : credentials;
  validateCredentials(resolved);
  return resolved;
}
