import { ValidationError } from "@oss-kit/errors";
import { encodePath, validateRegion } from "@oss-kit/signer";

/** How the client addresses OSS. */
export interface EndpointOptions {
  /** The bare region id, e.g. `"cn-hangzhou"`. */
  region: string;
  /**
   * A custom endpoint: `"oss-cn-hangzhou.aliyuncs.com"`, `"https://my.cdn.example"`,
   * `"http://127.0.0.1:9000"`. Without a scheme, {@link EndpointOptions.protocol} is used.
   */
  endpoint?: string | undefined;
  /** `"https"` (default) or `"http"`. */
  protocol?: "https" | "http" | undefined;
  /** Use the internal (same-region VPC/ECS) endpoint `oss-<region>-internal.aliyuncs.com`. */
  useInternalEndpoint?: boolean | undefined;
  /** Use the global transfer-acceleration endpoint `oss-accelerate.aliyuncs.com`. */
  useAccelerateEndpoint?: boolean | undefined;
  /** Use the dual-stack (IPv4 + IPv6) endpoint `<region>.oss.aliyuncs.com`. */
  useDualStackEndpoint?: boolean | undefined;
  /** The endpoint is a custom domain bound to one bucket (CNAME): no bucket in host or path. */
  useCname?: boolean | undefined;
  /**
   * Put the bucket in the path (`/bucket/key`) instead of the host. Automatic for IP-address
   * endpoints and `localhost`.
   */
  usePathStyle?: boolean | undefined;
}

/** A resolved endpoint. */
export interface ResolvedEndpoint {
  /** `scheme://host[:port]` of the service endpoint. */
  readonly origin: string;
  readonly protocol: "https" | "http";
  /** The endpoint host (with port), without any bucket. */
  readonly host: string;
  readonly pathStyle: boolean;
  readonly cname: boolean;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function isIpOrLocal(hostname: string): boolean {
  return (
    IPV4.test(hostname) ||
    hostname.startsWith("[") ||
    hostname === "localhost" ||
    hostname.endsWith(".localhost")
  );
}

/**
 * Works out the service endpoint once per client: region → `oss-<region>.aliyuncs.com`, or the
 * internal, accelerate, dual-stack or custom endpoint; HTTPS unless told otherwise.
 *
 * @throws ValidationError for an invalid region, endpoint or combination of options.
 */
export function resolveEndpoint(options: EndpointOptions): ResolvedEndpoint {
  validateRegion(options.region);
  const special = [
    options.useInternalEndpoint && "useInternalEndpoint",
    options.useAccelerateEndpoint && "useAccelerateEndpoint",
    options.useDualStackEndpoint && "useDualStackEndpoint",
  ].filter(Boolean);
  if (special.length > 1 || (special.length === 1 && options.endpoint !== undefined)) {
    throw new ValidationError({
      field: String(special[0]),
      rule: "choose one of endpoint, useInternalEndpoint, useAccelerateEndpoint, useDualStackEndpoint",
    });
  }
  let protocol = options.protocol ?? "https";
  if (protocol !== "https" && protocol !== "http") {
    throw new ValidationError({ field: "protocol", rule: 'must be "https" or "http"' });
  }
  let host: string;
  if (options.endpoint !== undefined) {
    if (typeof options.endpoint !== "string" || options.endpoint.trim() === "") {
      throw new ValidationError({ field: "endpoint", rule: "must be a host name or URL" });
    }
    const raw = options.endpoint.trim();
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `${protocol}://${raw}`);
    } catch {
      throw new ValidationError({ field: "endpoint", rule: `"${raw}" is not a host name or URL` });
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new ValidationError({ field: "endpoint", rule: "must use http or https" });
    }
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username) {
      throw new ValidationError({
        field: "endpoint",
        rule: "must be scheme://host[:port] without path, query or credentials",
      });
    }
    protocol = url.protocol === "http:" ? "http" : "https";
    host = url.host;
  } else if (options.useInternalEndpoint) {
    host = `oss-${options.region}-internal.aliyuncs.com`;
  } else if (options.useAccelerateEndpoint) {
    host = "oss-accelerate.aliyuncs.com";
  } else if (options.useDualStackEndpoint) {
    host = `${options.region}.oss.aliyuncs.com`;
  } else {
    host = `oss-${options.region}.aliyuncs.com`;
  }
  const hostname = host.replace(/:\d+$/, "");
  const cname = options.useCname === true;
  if (cname && options.usePathStyle) {
    throw new ValidationError({ field: "useCname", rule: "cannot be combined with usePathStyle" });
  }
  const pathStyle = !cname && (options.usePathStyle === true || isIpOrLocal(hostname));
  return { origin: `${protocol}://${host}`, protocol, host, pathStyle, cname };
}

/**
 * The request URL's origin and path for a bucket and key: virtual-host style
 * (`https://bucket.oss-cn-hangzhou.aliyuncs.com/key`), path style (`http://127.0.0.1:9000/bucket/key`)
 * or CNAME (`https://cdn.example.com/key`). Bucket-level paths end in `/`.
 */
export function requestLocation(
  endpoint: ResolvedEndpoint,
  bucket: string | undefined,
  key: string | undefined,
): { origin: string; path: string } {
  const encodedKey = key === undefined ? "" : encodePath(key, "key");
  if (bucket === undefined || endpoint.cname) {
    return { origin: endpoint.origin, path: `/${encodedKey}` };
  }
  if (endpoint.pathStyle) return { origin: endpoint.origin, path: `/${bucket}/${encodedKey}` };
  return { origin: `${endpoint.protocol}://${bucket}.${endpoint.host}`, path: `/${encodedKey}` };
}
