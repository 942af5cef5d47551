/** An OSS request decoded the way OSS decodes it. */
export interface OssRequest {
  /** The original web request. */
  request: Request;
  /** HTTP method, uppercase. */
  method: string;
  /** The parsed URL. */
  url: URL;
  /** The bucket, from the host (virtual-host style) or the first path segment (path style). */
  bucket: string | undefined;
  /** The key: the rest of the path, decoded once; `undefined` for bucket and service requests. */
  key: string | undefined;
  /** Whether the bucket came from the path. */
  pathStyle: boolean;
  /** Decoded query parameters (valueless ones as `""`). */
  query: Record<string, string>;
  /** Request headers, lowercase names. */
  headers: Record<string, string>;
}

/** Addressing options: which host names carry a bucket as their first label. */
export interface AddressingOptions {
  /** The emulator's own host name, e.g. `localhost` or `oss-cn-hangzhou.aliyuncs.com`. */
  host?: string | undefined;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const ALIYUN = /^([^.]+)\.(oss-[a-z0-9-]+(\.[a-z0-9-]+)*\.aliyuncs\.com)$/;

/**
 * Whether a host name is served by the emulator: IP addresses, `localhost` and `*.localhost`, the
 * configured host and its sub-domains, and `*.aliyuncs.com` OSS endpoints.
 */
export function servesHost(hostname: string, options: AddressingOptions): boolean {
  const host = options.host?.toLowerCase();
  return (
    IPV4.test(hostname) ||
    hostname.startsWith("[") ||
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    (host !== undefined && (hostname === host || hostname.endsWith(`.${host}`))) ||
    /(^|\.)oss-[a-z0-9-]+(\.[a-z0-9-]+)*\.aliyuncs\.com$/.test(hostname)
  );
}

function virtualBucket(hostname: string, options: AddressingOptions): string | undefined {
  const host = options.host?.toLowerCase();
  if (host !== undefined && hostname.endsWith(`.${host}`)) {
    return hostname.slice(0, -host.length - 1);
  }
  if (hostname.endsWith(".localhost")) return hostname.slice(0, -".localhost".length);
  const aliyun = ALIYUN.exec(hostname);
  return aliyun?.[1];
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Decodes a web request into bucket, key, query and headers. */
export function decodeRequest(request: Request, options: AddressingOptions = {}): OssRequest {
  const url = new URL(request.url);
  const hostname = url.hostname.toLowerCase();
  const path = url.pathname;
  let bucket = virtualBucket(hostname, options);
  let key: string | undefined;
  let pathStyle = false;
  if (bucket !== undefined) {
    const raw = path.slice(1);
    key = raw === "" ? undefined : decode(raw);
  } else {
    const raw = path.slice(1);
    const slash = raw.indexOf("/");
    const first = slash === -1 ? raw : raw.slice(0, slash);
    if (first !== "") {
      bucket = decode(first);
      pathStyle = true;
      const rest = slash === -1 ? "" : raw.slice(slash + 1);
      key = rest === "" ? undefined : decode(rest);
    }
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return {
    request,
    method: request.method.toUpperCase(),
    url,
    bucket,
    key,
    pathStyle,
    query,
    headers,
  };
}
