import { md5 } from "@noble/hashes/legacy";

interface NodeHash {
  createHash(algorithm: "md5"): {
    update(data: Uint8Array): { digest(encoding: "base64"): string };
  };
}

let node: NodeHash | null | undefined;

function nodeCrypto(): NodeHash | null {
  if (node === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
      .process;
    try {
      node = (proc?.getBuiltinModule?.("node:crypto") as NodeHash | undefined) ?? null;
    } catch {
      node = null;
    }
  }
  return node;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The `Content-MD5` value of some bytes: base64 of the 16-byte MD5. `node:crypto` where the
 * runtime has it, the audited `@noble/hashes` elsewhere (WebCrypto has no MD5).
 */
export function contentMd5(data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const crypto = nodeCrypto();
  return crypto ? crypto.createHash("md5").update(bytes).digest("base64") : base64(md5(bytes));
}
