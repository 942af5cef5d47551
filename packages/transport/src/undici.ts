import {
  OssError,
  RequestError,
  TimeoutError,
  type TimeoutKind,
  ValidationError,
} from "@oss-kit/errors";
import { Agent, type Dispatcher, EnvHttpProxyAgent, ProxyAgent } from "undici";
import { ProgressCounter } from "./progress";
import {
  abortError,
  collectHeaders,
  describeError,
  type PreparedRequest,
  prepareRequest,
  responseLength,
} from "./request";
import { createResponseBody } from "./response-body";
import { DEFAULT_TIMEOUTS, IdleTimer, resolveTimeouts, startTimer } from "./timeouts";
import type { Timeouts, Transport, TransportRequest, TransportResponse } from "./types";

/** Proxy URLs for {@link UndiciTransportOptions.proxy}, overriding the environment variables. */
export interface ProxyEnvOptions {
  /** Proxy for `http:` URLs (else `HTTP_PROXY`/`http_proxy`). */
  httpProxy?: string;
  /** Proxy for `https:` URLs (else `HTTPS_PROXY`/`https_proxy`). */
  httpsProxy?: string;
  /** Hosts (`host`, `host:port`, `.domain`, `*`) reached directly (else `NO_PROXY`/`no_proxy`). */
  noProxy?: string;
}

/** Options of {@link undiciTransport}. */
export interface UndiciTransportOptions {
  /** Timeouts of every request, in milliseconds; see {@link DEFAULT_TIMEOUTS}. */
  timeouts?: Partial<Timeouts> | undefined;
  /**
   * Your own undici `Dispatcher` (an `Agent`, `Pool`, `ProxyAgent`, `MockAgent`, or one composed
   * with interceptors). The transport sends through it and never closes it: `close()` is yours.
   * Excludes `proxy`, `connections`, `keepAliveTimeoutMs` and `agentOptions`.
   */
  dispatcher?: Dispatcher | undefined;
  /**
   * Send through an HTTP proxy: a URL (`"http://user:pass@proxy:3128"`), `"env"` to honour
   * `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (read once, when the transport is made), or
   * explicit {@link ProxyEnvOptions}. Default: no proxy, whatever the environment says.
   */
  proxy?: string | ProxyEnvOptions | undefined;
  /** The most connections per origin; default unlimited. */
  connections?: number | undefined;
  /** How long an idle pooled connection is kept open, in ms; default undici's 4 s. */
  keepAliveTimeoutMs?: number | undefined;
  /** Further options of the undici `Agent` the transport makes (e.g. `connect` for TLS options). */
  agentOptions?: Agent.Options | undefined;
}

/**
 * The undici transport, the default in Node: one keep-alive connection pool (an undici `Agent`)
 * per transport, request and response bodies streamed, separate connect, idle and total
 * timeouts, byte-level progress, `AbortSignal`, HTTP proxies, or your own `Dispatcher`.
 *
 * @throws `ValidationError` for invalid options (checked here, not at the first request).
 *
 * @example
 * ```ts
 * const transport = undiciTransport({ timeouts: { connectMs: 5_000 } });
 * const response = await transport.send({ method: "GET", url: "http://127.0.0.1:8080/", headers: {} });
 * console.log(response.statusCode, await response.body.text());
 * await transport.close();
 * ```
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const timeouts = resolveTimeouts(DEFAULT_TIMEOUTS, options.timeouts);
  const own = options.dispatcher === undefined;
  if (!own && (options.proxy !== undefined || options.agentOptions !== undefined)) {
    throw new ValidationError({
      field: "dispatcher",
      rule: "cannot be combined with proxy or agentOptions: configure your dispatcher instead",
    });
  }
  for (const key of ["connections", "keepAliveTimeoutMs"] as const) {
    const value = options[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
      throw new ValidationError({ field: key, rule: "must be a positive integer" });
    }
  }
  const dispatcher = options.dispatcher ?? makeDispatcher(options, timeouts);
  return {
    name: "undici",
    async send(request: TransportRequest): Promise<TransportResponse> {
      const prepared = prepareRequest(request, timeouts);
      if (prepared.signal?.aborted) throw abortError(prepared.signal);
      // Bytes in memory go to undici as they are: headers and body leave in one write. Anything
      // else is read as a stream (opening first: a one-shot body opened before throws here,
      // before any I/O).
      const content = prepared.body?.content;
      const source = content instanceof Uint8Array ? content : prepared.body?.open();
      return new Promise((resolve, reject) => {
        new Exchange(prepared, source, timeouts.connectMs, resolve, reject).start(dispatcher);
      });
    },
    async close(): Promise<void> {
      if (own) await dispatcher.close();
    },
  };
}

function makeDispatcher(options: UndiciTransportOptions, timeouts: Timeouts): Dispatcher {
  const agentOptions: Agent.Options = {
    // The pool's own connect timeout: per-request connectMs can shorten it, not extend it.
    connectTimeout: timeouts.connectMs,
    // Our own timers watch headers and body; undici's would fire with its 300 s defaults.
    headersTimeout: 0,
    bodyTimeout: 0,
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    ...(options.keepAliveTimeoutMs === undefined
      ? {}
      : { keepAliveTimeout: options.keepAliveTimeoutMs }),
    ...options.agentOptions,
  };
  const { proxy } = options;
  if (proxy === undefined) return new Agent(agentOptions);
  if (proxy === "env") return new EnvHttpProxyAgent(agentOptions);
  if (typeof proxy === "string") {
    let url: URL;
    try {
      url = new URL(proxy);
    } catch (error) {
      throw new ValidationError({ field: "proxy", rule: 'must be a URL or "env"', cause: error });
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new ValidationError({ field: "proxy", rule: "must be an http: or https: URL" });
    }
    return new ProxyAgent({ ...agentOptions, uri: proxy });
  }
  if (typeof proxy !== "object" || proxy === null) {
    throw new ValidationError({ field: "proxy", rule: 'must be a URL, "env" or an object' });
  }
  return new EnvHttpProxyAgent({ ...agentOptions, ...proxy });
}

/** Wraps a body read so each chunk handed to undici counts as upload progress and activity. */
async function* track(
  source: AsyncIterable<Uint8Array>,
  progress: ProgressCounter,
  idle: IdleTimer,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    idle.touch();
    yield chunk;
    // undici asks for the next chunk once it has written this one (after `drain` if needed).
    idle.touch();
    progress.add(chunk.byteLength);
  }
  progress.finish();
}

/** Response body chunks are buffered up to this many bytes before undici is paused. */
const RESPONSE_BUFFER = 256 * 1024;

/** One request in flight: an undici dispatch handler with its timers. */
class Exchange implements Dispatcher.DispatchHandler {
  readonly #request: PreparedRequest;
  /** The body: bytes sent as they are, or a stream read chunk by chunk. */
  readonly #source: Uint8Array | AsyncIterable<Uint8Array> | undefined;
  readonly #poolConnectMs: number;
  readonly #resolve: (response: TransportResponse) => void;
  readonly #reject: (error: unknown) => void;
  readonly #idle: IdleTimer;
  readonly #upload: ProgressCounter;
  #download: ProgressCounter | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  #stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  #cancelConnect: () => void = () => {};
  #cancelTotal: () => void = () => {};
  /** Set once the exchange failed or ended: later events are ignored. */
  #done = false;
  #failure: OssError | undefined;
  #responded = false;

  constructor(
    request: PreparedRequest,
    source: Uint8Array | AsyncIterable<Uint8Array> | undefined,
    poolConnectMs: number,
    resolve: (response: TransportResponse) => void,
    reject: (error: unknown) => void,
  ) {
    this.#request = request;
    this.#source = source;
    this.#poolConnectMs = poolConnectMs;
    this.#resolve = resolve;
    this.#reject = reject;
    const { timeouts } = request;
    this.#idle = new IdleTimer(timeouts.idleMs, () => this.#timeout("idle", timeouts.idleMs));
    this.#upload = new ProgressCounter(
      "onUploadProgress",
      request.onUploadProgress,
      request.body?.length,
      (error) => this.#fail(error),
    );
  }

  start(dispatcher: Dispatcher): void {
    const { timeouts, signal, url, method, headers } = this.#request;
    signal?.addEventListener("abort", this.#onAbort, { once: true });
    this.#cancelConnect = startTimer(timeouts.connectMs, () =>
      this.#timeout("connect", timeouts.connectMs),
    );
    this.#cancelTotal = startTimer(timeouts.totalMs, () =>
      this.#timeout("total", timeouts.totalMs),
    );
    const source = this.#source;
    const body =
      source === undefined
        ? null
        : source instanceof Uint8Array
          ? source
          : track(source, this.#upload, this.#idle);
    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: method as Dispatcher.HttpMethod,
          headers,
          // undici sends any async iterable; its types list only Readable.
          body: body as unknown as Exclude<Dispatcher.DispatchOptions["body"], undefined>,
          headersTimeout: 0,
          bodyTimeout: 0,
        },
        this,
      );
    } catch (error) {
      this.#fail(this.#mapError(error));
    }
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#failure !== undefined) {
      controller.abort(this.#failure);
      return;
    }
    this.#cancelConnect();
    this.#idle.start();
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    rawHeaders: Record<string, string | string[] | undefined>,
  ): void {
    if (this.#done || statusCode < 200) return;
    if (this.#source instanceof Uint8Array) this.#upload.complete(this.#source.byteLength);
    this.#cancelTotal();
    this.#idle.touch();
    this.#responded = true;
    const headers = collectHeaders(Object.entries(rawHeaders));
    this.#download = new ProgressCounter(
      "onDownloadProgress",
      this.#request.onDownloadProgress,
      responseLength(headers),
      (error) => this.#fail(error),
    );
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (c) => {
          this.#stream = c;
        },
        pull: () => {
          if (this.#done || !controller.paused) return;
          this.#idle.start();
          controller.resume();
        },
        cancel: () => {
          if (this.#done) return;
          this.#finish();
          controller.abort(new RequestError("The response body was cancelled"));
        },
      },
      { highWaterMark: RESPONSE_BUFFER, size: (chunk) => chunk.byteLength },
    );
    this.#resolve({ statusCode, headers, body: createResponseBody(stream) });
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#done) return;
    this.#idle.touch();
    this.#stream?.enqueue(chunk);
    this.#download?.add(chunk.byteLength);
    if ((this.#stream?.desiredSize ?? 1) <= 0 && !this.#done) {
      this.#idle.stop();
      controller.pause();
    }
  }

  onResponseEnd(): void {
    if (this.#done) return;
    this.#download?.finish();
    if (this.#done) return; // a progress callback threw
    this.#finish();
    // undici marks the connection reusable in a setImmediate scheduled after this callback. The
    // end of the body is signalled after it, so that a request sent as soon as this one's body is
    // read finds the connection free instead of opening another one.
    queueMicrotask(() =>
      setImmediate(() => {
        try {
          this.#stream?.close();
        } catch {
          // Cancelled by the reader meanwhile.
        }
      }),
    );
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#fail(this.#failure ?? this.#mapError(error));
  }

  readonly #onAbort = (): void => {
    const { signal } = this.#request;
    if (signal) this.#fail(abortError(signal));
  };

  #timeout(kind: TimeoutKind, ms: number): void {
    this.#fail(new TimeoutError(kind, ms));
  }

  /** Fails the exchange: rejects `send()`, or errors the response body; aborts the dispatch. */
  #fail(error: OssError): void {
    if (this.#done) return;
    this.#failure = error;
    this.#finish();
    if (this.#responded) this.#stream?.error(error);
    else this.#reject(error);
    const controller = this.#controller;
    if (controller !== undefined && !controller.aborted) controller.abort(error);
  }

  #finish(): void {
    this.#done = true;
    this.#cancelConnect();
    this.#cancelTotal();
    this.#idle.stop();
    this.#request.signal?.removeEventListener("abort", this.#onAbort);
  }

  #mapError(error: unknown): OssError {
    if (error instanceof OssError) return error;
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "UND_ERR_CONNECT_TIMEOUT") {
      return new TimeoutError("connect", this.#poolConnectMs, { cause: error });
    }
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      return new TimeoutError("idle", this.#request.timeouts.idleMs, { cause: error });
    }
    if (code === "UND_ERR_INVALID_ARG") {
      return new ValidationError({ field: "request", rule: describeError(error), cause: error });
    }
    const { method, url } = this.#request;
    return new RequestError(
      `${method} ${url.origin}${url.pathname} failed: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
}
