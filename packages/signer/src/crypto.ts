/**
 * The few primitives signing needs. Each may answer synchronously (Node's `node:crypto`, also in
 * Bun and Deno) or asynchronously (WebCrypto in browsers and workers); the signer awaits only
 * when it must.
 *
 * Keys are opaque: whatever {@link SignerCrypto.hmacKey} returns is what the other calls take,
 * so a backend can keep a prepared key (a `CryptoKey`, say) and the signer caches it.
 */
export interface SignerCrypto {
  /** Human-readable name of the backend, for diagnostics. */
  readonly name: string;
  /** Prepares an HMAC-SHA256 key from raw bytes or a UTF-8 string. */
  hmacKey(secret: Uint8Array | string): unknown;
  /** HMAC-SHA256 of UTF-8 `data` under a key from {@link SignerCrypto.hmacKey}: raw bytes. */
  hmacSha256(key: unknown, data: string): Uint8Array | Promise<Uint8Array>;
  /** Lowercase hex HMAC-SHA256 of UTF-8 `data` under a key from {@link SignerCrypto.hmacKey}. */
  hmacSha256Hex(key: unknown, data: string): string | Promise<string>;
  /** Lowercase hex SHA-256 of UTF-8 `data`. */
  sha256Hex(data: string): string | Promise<string>;
  /** Standard padded base64 of HMAC-SHA1 of UTF-8 `data` under the UTF-8 `secret` (V1). */
  hmacSha1Base64(secret: string, data: string): string | Promise<string>;
}

/** The part of `node:crypto` the signer uses (Node, Bun and Deno all provide it). */
export interface NodeCryptoModule {
  createSecretKey?(key: Uint8Array): unknown;
  createHmac(
    algorithm: string,
    key: unknown,
  ): {
    update(data: string): { digest(): Uint8Array; digest(encoding: string): string };
  };
  createHash(algorithm: string): { update(data: string): { digest(encoding: string): string } };
}

/** A backend over `node:crypto` (Node, Bun, Deno): synchronous and the fastest there is. */
export function nodeCrypto(crypto: NodeCryptoModule): SignerCrypto {
  return {
    name: "node:crypto",
    // A KeyObject spares createHmac from copying and importing raw key bytes on every call.
    hmacKey: (secret) =>
      typeof secret !== "string" && crypto.createSecretKey
        ? crypto.createSecretKey(secret)
        : secret,
    hmacSha256: (key, data) => crypto.createHmac("sha256", key).update(data).digest(),
    hmacSha256Hex: (key, data) => crypto.createHmac("sha256", key).update(data).digest("hex"),
    sha256Hex: (data) => crypto.createHash("sha256").update(data).digest("hex"),
    hmacSha1Base64: (secret, data) =>
      crypto.createHmac("sha1", secret).update(data).digest("base64"),
  };
}

const encoder = new TextEncoder();

function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += (byte < 16 ? "0" : "") + byte.toString(16);
  return hex;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A backend over WebCrypto (`crypto.subtle`): browsers, workers, and any modern runtime. */
export function webCrypto(subtle: SubtleCrypto = globalThis.crypto.subtle): SignerCrypto {
  const importKey = (secret: Uint8Array | string, hash: string) =>
    subtle.importKey(
      "raw",
      typeof secret === "string" ? encoder.encode(secret) : (secret as Uint8Array<ArrayBuffer>),
      { name: "HMAC", hash },
      false,
      ["sign"],
    );
  return {
    name: "webcrypto",
    hmacKey: (secret) => importKey(secret, "SHA-256"),
    async hmacSha256(key, data) {
      return new Uint8Array(
        await subtle.sign("HMAC", await (key as Promise<CryptoKey>), encoder.encode(data)),
      );
    },
    async hmacSha256Hex(key, data) {
      return toHex(
        new Uint8Array(
          await subtle.sign("HMAC", await (key as Promise<CryptoKey>), encoder.encode(data)),
        ),
      );
    },
    async sha256Hex(data) {
      return toHex(new Uint8Array(await subtle.digest("SHA-256", encoder.encode(data))));
    },
    async hmacSha1Base64(secret, data) {
      const key = await importKey(secret, "SHA-1");
      return toBase64(new Uint8Array(await subtle.sign("HMAC", key, encoder.encode(data))));
    },
  };
}

let detected: SignerCrypto | undefined;

/**
 * The fastest backend this runtime offers: `node:crypto` where `process.getBuiltinModule` can
 * load it (Node ≥ 20.16, Bun, Deno), else WebCrypto. Browsers never load `node:crypto`.
 */
export function defaultCrypto(): SignerCrypto {
  if (detected) return detected;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  let node: NodeCryptoModule | undefined;
  try {
    node = proc?.getBuiltinModule?.("node:crypto") as NodeCryptoModule | undefined;
  } catch {
    node = undefined;
  }
  detected = node?.createHmac ? nodeCrypto(node) : webCrypto();
  return detected;
}
