import type { RequestBody, TransportResponse } from "@oss-kit/transport";
import type { CallOptions, HttpSpec } from "./operation";

/** The request as it moves through the pipeline; steps may change headers and the URL. */
export interface PipelineRequest {
  method: string;
  /** Absolute URL, encoded. */
  url: string;
  headers: Record<string, string>;
  body: RequestBody | undefined;
  /** The spec it was built from (bucket, key, decoded query) — what the signer signs. */
  readonly spec: HttpSpec;
}

/** What every step sees. */
export interface RequestContext {
  /** The OSS API name, e.g. `"PutObject"`. */
  readonly operation: string;
  readonly request: PipelineRequest;
  /** 1 for the first attempt. Set by the retry step. */
  attempt: number;
  readonly options: CallOptions;
  /** Whether CRC-64 checks are on for this call. */
  readonly crc64: boolean;
  /** Data steps share (e.g. a start time for metrics). */
  readonly state: Map<string, unknown>;
}

/** One named link: do something, call `next()` for the rest, look at the result. */
export type Step = (
  context: RequestContext,
  next: () => Promise<TransportResponse>,
) => Promise<TransportResponse>;

/** Where to put a step. */
export type StepPosition = { before: string } | { after: string } | "first" | "last";

interface Named {
  readonly name: string;
  readonly run: Step;
}

/**
 * A flat, named list of steps. The client's own are `retry`, `sign` and `check`, in that
 * order, then the transport sends. Add yours by name, e.g. logging just before `send`:
 *
 * @example
 * ```ts
 * client.pipeline.add("timing", async (ctx, next) => {
 *   const start = performance.now();
 *   try { return await next(); }
 *   finally { console.log(ctx.operation, ctx.attempt, performance.now() - start); }
 * }, "last");
 * ```
 */
export class Pipeline {
  #steps: Named[] = [];

  /** The step names, in order. */
  get names(): string[] {
    return this.#steps.map((s) => s.name);
  }

  /** Adds a step (default: last, just before the transport sends). */
  add(name: string, run: Step, position: StepPosition = "last"): this {
    if (this.#steps.some((s) => s.name === name)) throw new Error(`pipeline step "${name}" exists`);
    const step = { name, run };
    if (position === "last") this.#steps.push(step);
    else if (position === "first") this.#steps.unshift(step);
    else {
      const anchor = "before" in position ? position.before : position.after;
      const at = this.#steps.findIndex((s) => s.name === anchor);
      if (at < 0) throw new Error(`no pipeline step "${anchor}"`);
      this.#steps.splice("before" in position ? at : at + 1, 0, step);
    }
    return this;
  }

  /** Removes a step by name. */
  remove(name: string): this {
    this.#steps = this.#steps.filter((s) => s.name !== name);
    return this;
  }

  /** Runs the steps around `send`. */
  run(context: RequestContext, send: () => Promise<TransportResponse>): Promise<TransportResponse> {
    const steps = this.#steps;
    const at = (i: number): Promise<TransportResponse> =>
      i === steps.length ? send() : (steps[i] as Named).run(context, () => at(i + 1));
    return at(0);
  }
}
