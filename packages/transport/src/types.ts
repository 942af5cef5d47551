/**
 * The transport contract: one request in, one response out. Transports know nothing of OSS;
 * the client core builds absolute URLs and signed headers and hands them over.
 */

/** Progress of one transfer direction, in bytes. */
export interface TransferProgress {
  /** Bytes transferred so far. */
  readonly loaded: number;
  /** Total bytes, when known. */
  readonly total: number | undefined;
}

/**
 * A request body that can be opened more than once, so a retry can send it again. One-shot
 * bodies (a Node `Readable`, a web `ReadableStream`) can be opened once: a request whose one-shot
 * body was opened is never retried.
 */
export interface RequestBody {
  /** Length in bytes, when known (it becomes `Content-Length`). */
  readonly length: number | undefined;
  /** Whether the body can be read only once. */
  readonly oneShot: boolean;
  /**
   * Opens a fresh read of the body's bytes, from the start. A one-shot body throws a
   * `ValidationError` when opened a second time.
   */
  open(): AsyncIterable<Uint8Array>;
  /**
   * Optional (an addition to the first contract): the whole body as one in-memory value, when it
   * already is one (bytes, text, a `Blob`). A transport that cannot stream request bodies (fetch in
   * a browser) sends it as is instead of collecting `open()` into memory.
   */
  readonly content?: Uint8Array | Blob | undefined;
}

/** Timeouts of one request, in milliseconds. */
export interface Timeouts {
  /** To establish the connection (TCP + TLS). */
  readonly connectMs: number;
  /** Between two reads or writes once connected: a stalled server or network. */
  readonly idleMs: number;
  /** For the whole request, until the response headers arrive. The body read is bounded by `idleMs`. */
  readonly totalMs: number;
}

/** What a transport sends. */
export interface TransportRequest {
  /** HTTP method, uppercase. */
  readonly method: string;
  /** Absolute URL, already encoded. */
  readonly url: string;
  /** Request headers; names as given. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, if any. */
  readonly body?: RequestBody | undefined;
  /** Cancels the request, in flight or not yet sent. */
  readonly signal?: AbortSignal | undefined;
  /** Per-request timeouts, overriding the transport's. */
  readonly timeouts?: Partial<Timeouts> | undefined;
  /** Called as request body bytes are sent. */
  readonly onUploadProgress?: ((progress: TransferProgress) => void) | undefined;
  /** Called as response body bytes are received. */
  readonly onDownloadProgress?: ((progress: TransferProgress) => void) | undefined;
}

/** A response body, read once in one of these ways. */
export interface ResponseBody {
  /** The bytes as a web stream (Node, browsers, Deno, Bun). */
  stream(): ReadableStream<Uint8Array>;
  /** All the bytes. */
  bytes(): Promise<Uint8Array>;
  /** All the bytes as UTF-8 text. */
  text(): Promise<string>;
  /** Drops the body without reading it, freeing the connection. */
  discard(): Promise<void>;
}

/** What a transport returns: any status (errors are the core's business), headers, a body. */
export interface TransportResponse {
  readonly statusCode: number;
  /** Response headers, lowercase names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ResponseBody;
}

/**
 * Sends HTTP requests. Failures without a response reject with `RequestError`, `TimeoutError`
 * (naming which timeout) or `AbortError` from `@oss-kit/errors`; a response of any status
 * resolves.
 */
export interface Transport {
  /** A short name for logs and the user agent, e.g. `"undici"`. */
  readonly name: string;
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}
