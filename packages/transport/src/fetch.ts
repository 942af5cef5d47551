import { OssError, RequestError, TimeoutError, ValidationError } from "@oss-kit/errors";
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

/** A `fetch` function: the global one, or any with its signature. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Options of {@link fetchTransport}. */
export interface FetchTransportOptions {
  /**
   * Timeouts of every request, in milliseconds; see {@link DEFAULT_TIMEOUTS}. fetch cannot tell
   * connecting from waiting: `connectMs` is not applied (see the README's table).
   */
  timeouts?: Partial<Timeouts> | undefined;
  /** The `fetch` to call; default `globalThis.fetch`, looked up at each request. */
  fetch?: FetchFunction | undefined;
  /**
   * Send request bodies as streams (`duplex: "half"`), with upload progress per chunk. Default:
   * `true` in Node, Deno and Bun, `false` elsewhere, since browsers stream uploads only over
   * HTTP/2 or HTTP/3 (Chromium) or not at all (Firefox, Safari). When `false`, bytes, text and
   * Blobs are handed to fetch as they are, streams are first collected into a `Blob`, and upload
   * progress is reported once, when the response arrives.
   */
  streamUploads?: boolean | undefined;
  /**
   * fetch's `redirect` mode; default `"manual"`, so that, like the undici transport, redirects are
   * returned rather than followed (in browsers such a redirect comes back opaque, with status 0).
   */
  redirect?: RequestRedirect | undefined;
}

/** Whether this runtime's fetch can stream request bodies over HTTP/1.1. */
function canStreamUploads(): boolean {
  const g = globalThis as { process?: { versions?: { node?: unknown } }; Deno?: unknown };
  return typeof g.process?.versions?.node === "string" || g.Deno !== undefined;
}

/**
 * The fetch transport, the default outside Node (browsers, Deno, Bun, workers) and usable in Node
 * too: the same contract and errors as the undici transport over `globalThis.fetch` or the `fetch`
 * you pass. Timeouts run on timers that abort the fetch; response bodies are streamed with
 * download progress; uploads are streamed where the platform allows (see `streamUploads`).
 *
 * @throws `ValidationError` for invalid options, or when there is no `fetch` to call.
 *
 * @example
 * ```ts
 * const transport = fetchTransport({ timeouts: { totalMs: 60_000 } });
 * const response = await transport.send({ method: "GET", url: "https://example.com/", headers: {} });
 * console.log(response.statusCode, response.headers["content-type"]);
 * await response.body.discard();
 * ```
 */
export function fetchTransport(options: FetchTransportOptions = {}): Transport {
  const timeouts = resolveTimeouts(DEFAULT_TIMEOUTS, options.timeouts);
  const given = options.fetch;
  if (given !== undefined && typeof given !== "function") {
    throw new ValidationError({ field: "fetch", rule: "must be a function" });
  }
  if (given === undefined && typeof globalThis.fetch !== "function") {
    throw new ValidationError({
      field: "fetch",
      rule: "is required: this runtime has no global fetch",
    });
  }
  // The global is looked up per request, so a later patch (a test's interceptor) applies.
  const fetchFn: FetchFunction = given ?? ((input, init) => globalThis.fetch(input, init));
  const settings: Settings = {
    fetch: fetchFn,
    streamUploads: options.streamUploads ?? canStreamUploads(),
    redirect: options.redirect ?? "manual",
  };
  return {
    name: "fetch",
    async send(request: TransportRequest): Promise<TransportResponse> {
      const prepared = prepareRequest(request, timeouts);
      if (prepared.signal?.aborted) throw abortError(prepared.signal);
      const source = prepared.body?.open();
      return exchange(settings, prepared, source);
    },
    async close(): Promise<void> {
      // fetch pools connections itself; there is nothing of ours to close.
    },
  };
}

interface Settings {
  readonly fetch: FetchFunction;
  readonly streamUploads: boolean;
  readonly redirect: RequestRedirect;
}

const noop = (): void => {};

async function exchange(
  settings: Settings,
  request: PreparedRequest,
  source: AsyncIterable<Uint8Array> | undefined,
): Promise<TransportResponse> {
  const { timeouts, signal, method, url } = request;
  const controller = new AbortController();
  let done = false;
  let failure: OssError | undefined;
  let rejectFailed: (error: OssError) => void = noop;
  // Raced against every await, so a failure settles at once even if a fetch ignores its signal.
  const failed = new Promise<never>((_, reject) => {
    rejectFailed = reject;
  });
  failed.catch(noop);
  const fail = (error: OssError): void => {
    if (done) return;
    failure = error;
    finish();
    rejectFailed(error);
    controller.abort(error);
  };
  const idle = new IdleTimer(timeouts.idleMs, () =>
    fail(new TimeoutError("idle", timeouts.idleMs)),
  );
  const cancelTotal = startTimer(timeouts.totalMs, () =>
    fail(new TimeoutError("total", timeouts.totalMs)),
  );
  const onAbort = (): void => {
    if (signal) fail(abortError(signal));
  };
  const finish = (): void => {
    done = true;
    cancelTotal();
    idle.stop();
    signal?.removeEventListener("abort", onAbort);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  const upload = new ProgressCounter(
    "onUploadProgress",
    request.onUploadProgress,
    request.body?.length,
    fail,
  );
  const networkError = (error: unknown): OssError => {
    if (failure !== undefined) return failure;
    if (error instanceof OssError) return error;
    const inner = (error as { cause?: unknown } | null)?.cause ?? error;
    return new RequestError(
      `${method} ${url.origin}${url.pathname} failed: ${describeError(inner)}`,
      {
        cause: error,
      },
    );
  };

  let body: BodyInit | undefined;
  let sentSize = 0;
  const streamed = source !== undefined && settings.streamUploads;
  try {
    if (source !== undefined) {
      if (streamed) {
        body = uploadStream(source, upload, idle, (error) => fail(networkError(error)));
      } else {
        const content = request.body?.content ?? (await Promise.race([collect(source), failed]));
        sentSize = content instanceof Blob ? content.size : content.byteLength;
        body = content as BodyInit;
      }
    }
    // Before the response, idle applies only when upload activity is visible (streamed or none).
    if (source === undefined || streamed) idle.start();
    const init: RequestInit & { duplex?: "half" } = {
      method,
      headers: request.headers,
      signal: controller.signal,
      redirect: settings.redirect,
    };
    if (body !== undefined) init.body = body;
    if (streamed) init.duplex = "half";
    const response = await Promise.race([settings.fetch(url.href, init), failed]);
    cancelTotal();
    idle.stop();
    if (source !== undefined && !streamed) upload.complete(sentSize);
    if (failure !== undefined) throw failure;
    return respond(response, request, idle, failed, fail, finish, networkError);
  } catch (error) {
    const mapped = networkError(error);
    fail(mapped);
    throw mapped;
  }
}

function respond(
  response: Response,
  request: PreparedRequest,
  idle: IdleTimer,
  failed: Promise<never>,
  fail: (error: OssError) => void,
  finish: () => void,
  networkError: (error: unknown) => OssError,
): TransportResponse {
  const entries: Array<[string, string]> = [];
  response.headers.forEach((value, name) => {
    entries.push([name, value]);
  });
  const headers = collectHeaders(entries);
  const download = new ProgressCounter(
    "onDownloadProgress",
    request.onDownloadProgress,
    responseLength(headers),
    fail,
  );
  const reader = response.body?.getReader();
  let ended = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(c) {
        if (reader === undefined) {
          download.finish();
          finish();
          c.close();
          return;
        }
        idle.start();
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await Promise.race([reader.read(), failed]);
        } catch (error) {
          const mapped = networkError(error);
          fail(mapped);
          reader.cancel(mapped).catch(noop);
          throw mapped;
        } finally {
          idle.stop();
        }
        if (next.done) {
          ended = true;
          download.finish();
          finish();
          c.close();
          return;
        }
        download.add(next.value.byteLength);
        c.enqueue(next.value);
      },
      cancel(reason) {
        if (!ended) finish();
        // Not awaited: cancelling one branch of a tee'd body (msw, some polyfills) waits for the other.
        reader?.cancel(reason).catch(noop);
      },
    },
    { highWaterMark: 0 },
  );
  return { statusCode: response.status, headers, body: createResponseBody(stream) };
}

/** A request body stream over `source`: each chunk pulled counts as upload progress. */
function uploadStream(
  source: AsyncIterable<Uint8Array>,
  upload: ProgressCounter,
  idle: IdleTimer,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(c) {
        // fetch asks for the next chunk once it has written the previous one.
        idle.touch();
        if (pending > 0) upload.add(pending);
        pending = 0;
        let next: IteratorResult<Uint8Array>;
        try {
          next = await iterator.next();
        } catch (error) {
          onError(error);
          throw error;
        }
        idle.touch();
        if (next.done) {
          upload.finish();
          c.close();
          return;
        }
        pending = next.value.byteLength;
        c.enqueue(next.value);
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Collects a stream body into a `Blob` (which browsers may keep on disk), for fetch to send. */
async function collect(source: AsyncIterable<Uint8Array>): Promise<Blob> {
  const parts: BlobPart[] = [];
  for await (const chunk of source) parts.push(chunk as BlobPart);
  return new Blob(parts);
}
