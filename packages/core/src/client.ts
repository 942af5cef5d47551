import { AbortError, RequestError, type ServiceError, ValidationError } from "@oss-kit/errors";
import {
  type Credentials,
  type CredentialsProvider,
  createSigner,
  environmentCredentials,
  type PresignedRequest,
  type SignatureVersion,
  type Signer,
} from "@oss-kit/signer";
import {
  defaultTransport,
  type Timeouts,
  type Transport,
  type TransportResponse,
} from "@oss-kit/transport";
import { version } from "../package.json";
import { CRC64_HEADER, compareCrc, crcTrackingBody } from "./checksum";
import { Clock } from "./clock";
import {
  type EndpointOptions,
  type ResolvedEndpoint,
  requestLocation,
  resolveEndpoint,
} from "./endpoint";
import { type Logger, redactUrl } from "./logger";
import type { CallOptions, HttpSpec, Operation } from "./operation";
import { Pipeline, type PipelineRequest, type RequestContext } from "./pipeline";
import { type RetryPolicy, type StandardRetryOptions, sleep, standardRetryPolicy } from "./retry";
import { toServiceError } from "./service-error";
import { canonicalQueryString, definedQuery } from "./url";

/** How to build a client. Only `region` is required. */
export interface ClientConfig extends EndpointOptions {
  /**
   * Credentials or a provider; default `environmentCredentials()` (`OSS_ACCESS_KEY_ID`,
   * `OSS_ACCESS_KEY_SECRET`, `OSS_SESSION_TOKEN`).
   */
  credentials?: Credentials | CredentialsProvider | undefined;
  /** Send requests unsigned (public-read buckets). */
  anonymous?: boolean | undefined;
  /** `"v4"` (default) or `"v1"`. */
  signatureVersion?: SignatureVersion | undefined;
  /** The V4 product: `"oss"` (default), or `"oss-cloudbox"` with the CloudBox id as `region`. */
  product?: string | undefined;
  /** The transport; default undici in Node, fetch elsewhere. */
  transport?: Transport | undefined;
  /** A retry policy, or options of the standard one (3 attempts, full jitter). */
  retry?: RetryPolicy | StandardRetryOptions | undefined;
  /** CRC-64 checks of uploads and full downloads; default `true`. */
  crc64?: boolean | undefined;
  /** Where to log; secrets and signatures are redacted. */
  logger?: Logger | undefined;
  /** Appended to oss-kit's user agent. */
  userAgent?: string | undefined;
  /** Default timeouts of every request. */
  timeouts?: Partial<Timeouts> | undefined;
  /** V4: further request headers to sign. */
  additionalHeaders?: readonly string[] | undefined;
}

/** Makes a transport error say which operation failed. */
function withOperation(error: unknown, operation: string): unknown {
  if (
    (error instanceof RequestError || error instanceof AbortError) &&
    error.operation === undefined
  ) {
    Object.defineProperty(error, "operation", { value: operation, enumerable: true });
    error.message = `${operation}: ${error.message}`;
  }
  return error;
}

function isPolicy(retry: ClientConfig["retry"]): retry is RetryPolicy {
  return typeof (retry as RetryPolicy | undefined)?.shouldRetry === "function";
}

function runtimeName(): string {
  const g = globalThis as {
    process?: { versions?: { node?: string; bun?: string } };
    Deno?: { version?: { deno?: string } };
    navigator?: { userAgent?: string };
  };
  if (g.process?.versions?.bun) return `bun/${g.process.versions.bun}`;
  if (g.Deno?.version?.deno) return `deno/${g.Deno.version.deno}`;
  if (g.process?.versions?.node) return `node/${g.process.versions.node}`;
  return "browser";
}

/**
 * The OSS client core: holds the configuration, the endpoint, the signer, the transport's
 * connection pool and the learned clock offset, and runs operations through its pipeline
 * (`retry` → `sign` → `check` → send).
 *
 * Operations are functions that take the client, so bundles hold only the operations they use:
 *
 * @example
 * ```ts
 * import { OssClient, putObject } from "@oss-kit/core";
 *
 * const client = new OssClient({ region: "cn-hangzhou" }); // credentials from OSS_* variables
 * const { etag } = await putObject(client, { bucket: "examplebucket", key: "a.txt", body: "hi" });
 * ```
 */
export class OssClient {
  /** The resolved endpoint. */
  readonly endpoint: ResolvedEndpoint;
  /** The request pipeline: add steps by name. */
  readonly pipeline = new Pipeline();
  /** The clock corrected by the server's `Date` after `RequestTimeTooSkewed`. */
  readonly clock = new Clock();
  /** The transport every request goes through. */
  readonly transport: Transport;
  /** The region. */
  readonly region: string;
  readonly #config: ClientConfig;
  readonly #signer: Signer;
  readonly #credentials: CredentialsProvider | Credentials | undefined;
  readonly #retry: RetryPolicy;
  readonly #userAgent: string;

  constructor(config: ClientConfig) {
    if (typeof config !== "object" || config === null) {
      throw new ValidationError({
        field: "config",
        rule: "must be an object with at least a region",
      });
    }
    this.endpoint = resolveEndpoint(config);
    this.region = config.region;
    this.#config = config;
    this.#signer = createSigner(config.signatureVersion ?? "v4");
    this.#credentials = config.anonymous
      ? undefined
      : (config.credentials ?? environmentCredentials());
    this.#retry = isPolicy(config.retry) ? config.retry : standardRetryPolicy(config.retry);
    this.transport = config.transport ?? defaultTransport();
    if (
      config.userAgent !== undefined &&
      (typeof config.userAgent !== "string" || /[\r\n]/.test(config.userAgent))
    ) {
      throw new ValidationError({ field: "userAgent", rule: "must be a single-line string" });
    }
    this.#userAgent = `oss-kit/${version} (${runtimeName()}) transport/${this.transport.name}${config.userAgent ? ` ${config.userAgent}` : ""}`;
    this.pipeline.add("retry", (ctx, next) => this.#retryStep(ctx, next));
    this.pipeline.add("sign", (ctx, next) => this.#signStep(ctx, next));
    this.pipeline.add("check", (ctx, next) => this.#checkStep(ctx, next));
  }

  /** Whether CRC-64 checks are on by default. */
  get crc64(): boolean {
    return this.#config.crc64 !== false;
  }

  /** Runs an operation: serialize (validating input before any I/O), then the pipeline, then parse. */
  async execute<I, O>(operation: Operation<I, O>, input: I, options: CallOptions = {}): Promise<O> {
    const spec = operation.serialize(input);
    const crc64 = options.crc64 ?? this.crc64;
    const response = await this.send(operation.name, spec, options, {
      uploadCrc: crc64 && operation.uploadCrc === true,
    });
    try {
      const result = await operation.parse(response, input, { crc64, options });
      if (!operation.streaming) await response.body.discard().catch(() => {});
      return result;
    } catch (error) {
      await response.body.discard().catch(() => {});
      throw error;
    }
  }

  /**
   * Sends any OSS request, signed, retried and checked like the modelled operations: for APIs
   * oss-kit does not model yet. The response body is yours to read.
   *
   * @example
   * ```ts
   * const res = await client.invoke("GetBucketWebsite", { method: "GET", bucket: "b", query: { website: "" } });
   * console.log(await res.body.text());
   * ```
   */
  invoke(operation: string, spec: HttpSpec, options: CallOptions = {}): Promise<TransportResponse> {
    if (typeof operation !== "string" || operation === "") {
      throw new ValidationError({
        field: "operation",
        rule: "must name the API, e.g. GetBucketWebsite",
      });
    }
    return this.send(operation, spec, options, { uploadCrc: false });
  }

  /** Builds the request for a spec and runs it through the pipeline. */
  async send(
    operation: string,
    spec: HttpSpec,
    options: CallOptions,
    flags: { uploadCrc: boolean },
  ): Promise<TransportResponse> {
    const { origin, path } = requestLocation(this.endpoint, spec.bucket, spec.key);
    const query = canonicalQueryString(spec.query);
    const headers: Record<string, string> = { "User-Agent": this.#userAgent };
    Object.assign(headers, spec.headers, options.headers);
    const body = spec.body && flags.uploadCrc ? crcTrackingBody(spec.body) : spec.body;
    if (
      body?.length !== undefined &&
      !Object.keys(headers).some((h) => h.toLowerCase() === "content-length")
    ) {
      headers["Content-Length"] = String(body.length);
    }
    const request: PipelineRequest = {
      method: spec.method,
      url: `${origin}${path}${query ? `?${query}` : ""}`,
      headers,
      body,
      spec,
    };
    const context: RequestContext = {
      operation,
      request,
      attempt: 0,
      options,
      crc64: flags.uploadCrc,
      state: new Map(),
    };
    return this.pipeline.run(context, () =>
      this.transport.send({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
        signal: options.signal,
        timeouts: { ...this.#config.timeouts, ...options.timeouts },
        onUploadProgress: options.onUploadProgress,
        onDownloadProgress: options.onDownloadProgress,
      }),
    );
  }

  /**
   * Presigns a request spec: a URL anyone can use until it expires (default 15 minutes, at most
   * 7 days with V4), carrying the security token when there is one.
   */
  async presign(
    spec: HttpSpec,
    lifetime: { expiresIn?: number | undefined; expiration?: Date | undefined } = {},
  ): Promise<PresignedRequest & { url: string; method: string }> {
    if (!this.#credentials) {
      throw new ValidationError({
        field: "credentials",
        rule: "an anonymous client cannot presign",
      });
    }
    const { origin, path } = requestLocation(this.endpoint, spec.bucket, spec.key);
    const presigned = await this.#signer.presign(
      {
        method: spec.method,
        bucket: spec.bucket,
        key: spec.key,
        query: definedQuery(spec.query),
        headers: spec.headers,
      },
      {
        credentials: this.#credentials,
        region: this.region,
        product: this.#config.product,
        additionalHeaders: this.#config.additionalHeaders,
        subResources: spec.subResources,
        time: this.clock.now(),
        ...lifetime,
      },
    );
    return {
      ...presigned,
      method: spec.method,
      url: `${origin}${path}${presigned.queryString ? `?${presigned.queryString}` : ""}`,
    };
  }

  /** Closes the transport's connections. */
  close(): Promise<void> {
    return this.transport.close();
  }

  async #retryStep(
    ctx: RequestContext,
    next: () => Promise<TransportResponse>,
  ): Promise<TransportResponse> {
    const policy = ctx.options.retry ?? this.#retry;
    const logger = this.#config.logger;
    for (let attempt = 1; ; attempt++) {
      ctx.attempt = attempt;
      if (ctx.options.signal?.aborted) {
        throw new AbortError("The operation was aborted", {
          cause: ctx.options.signal.reason,
          operation: ctx.operation,
        });
      }
      try {
        return await next();
      } catch (error) {
        const oneShotSent = ctx.request.body?.oneShot === true;
        if (oneShotSent || !policy.shouldRetry(error, attempt)) throw error;
        const delay = policy.delayMs(error, attempt);
        logger?.warn?.(
          `${ctx.operation}: attempt ${attempt} failed, retrying in ${Math.round(delay)} ms`,
          {
            operation: ctx.operation,
            attempt,
            error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
            url: redactUrl(ctx.request.url),
          },
        );
        await sleep(delay, ctx.options.signal);
      }
    }
  }

  async #signStep(
    ctx: RequestContext,
    next: () => Promise<TransportResponse>,
  ): Promise<TransportResponse> {
    if (!this.#credentials) return next();
    const { spec } = ctx.request;
    const signed = await this.#signer.sign(
      {
        method: spec.method,
        bucket: spec.bucket,
        key: spec.key,
        query: definedQuery(spec.query),
        headers: ctx.request.headers,
      },
      {
        credentials: this.#credentials,
        region: this.region,
        product: this.#config.product,
        additionalHeaders: this.#config.additionalHeaders,
        subResources: spec.subResources,
        time: this.clock.now(),
      },
    );
    ctx.request.headers = signed.headers;
    return next();
  }

  async #checkStep(
    ctx: RequestContext,
    next: () => Promise<TransportResponse>,
  ): Promise<TransportResponse> {
    const started = Date.now();
    let response: TransportResponse;
    try {
      response = await next();
    } catch (error) {
      throw withOperation(error, ctx.operation);
    }
    const { statusCode, headers } = response;
    this.#config.logger?.debug?.(`${ctx.operation} ${statusCode}`, {
      operation: ctx.operation,
      method: ctx.request.method,
      url: redactUrl(ctx.request.url),
      statusCode,
      requestId: headers["x-oss-request-id"],
      attempt: ctx.attempt,
      ms: Date.now() - started,
    });
    const callbackFailed =
      statusCode === 203 && ctx.request.spec.headers?.["x-oss-callback"] !== undefined;
    if (statusCode < 200 || statusCode >= 300 || callbackFailed) {
      const body = ctx.request.method === "HEAD" ? "" : await response.body.text().catch(() => "");
      const error: ServiceError = toServiceError({ statusCode, headers, body }, ctx.operation);
      if (error.code === "RequestTimeTooSkewed") this.clock.learn(headers.date);
      throw error;
    }
    if (ctx.crc64) {
      const body = ctx.request.body as { digest?: () => bigint | undefined } | undefined;
      try {
        compareCrc(ctx.operation, body?.digest?.(), headers[CRC64_HEADER]);
      } catch (error) {
        await response.body.discard().catch(() => {});
        throw error;
      }
    }
    return response;
  }
}
