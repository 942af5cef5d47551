import { ValidationError } from "@oss-kit/errors";
import { type ProcessInstruction, parse, type Stage } from "@oss-kit/process";
import { toRequestBody } from "@oss-kit/transport";
import { contentMd5 } from "../md5";
import { type Operation, type OperationResult, resultBase } from "../operation";
import { fail, validateBucket, validateInput, validateKey } from "../validate";

/**
 * A processing instruction: an `@oss-kit/process` builder (a stage or an instruction), or a raw
 * string such as `"image/resize,w_100"`, which is validated unless `validateProcess: false`.
 */
export type ProcessInput = ProcessInstruction | Stage | string;

/** Options of every call that takes a processing instruction. */
export interface ProcessOptions {
  /**
   * Check a raw string against the documented language before sending (default `true`). Turn
   * off to send an instruction oss-kit does not know yet; builders are always checked.
   */
  validateProcess?: boolean | undefined;
}

/**
 * The instruction's string for `method` and `kind`, checked: builders by their own rules, raw
 * strings by `parse` (unless switched off). Errors are `ProcessSyntaxError`s naming the stage,
 * action, parameter and rule.
 */
export function processString(
  process: unknown,
  options: {
    kind: "sync" | "async";
    method: "GET" | "POST";
    validate: boolean;
    needsSaveAs: boolean;
  },
): string {
  let instruction: ProcessInstruction | undefined;
  let text: string;
  if (typeof process === "string") {
    if (process === "") fail("process", "must not be empty");
    text = process;
    if (options.validate)
      instruction = parse(process, { kind: options.kind, method: options.method });
  } else if (
    typeof process === "object" &&
    process !== null &&
    typeof (process as { toString?: unknown }).toString === "function" &&
    ("stages" in process || "ops" in process)
  ) {
    text = String(process);
    // A builder's own toString() already checked it; parse again for its kind and output.
    instruction = parse(text, { kind: options.kind, method: options.method });
  } else {
    fail("process", "must be an @oss-kit/process builder or a string");
  }
  if (instruction) {
    if (instruction.kind !== options.kind) {
      throw new ValidationError({
        field: "process",
        rule: `must be a ${options.kind} instruction (x-oss-${options.kind === "async" ? "async-" : ""}process)`,
      });
    }
    if (options.needsSaveAs && instruction.output === undefined) {
      throw new ValidationError({
        field: "process",
        rule: "must end with sys/saveas: where to save the result",
      });
    }
  }
  return text;
}

function formBody(parameter: string, instruction: string) {
  const text = `${parameter}=${instruction}`;
  const bytes = new TextEncoder().encode(text);
  return {
    body: toRequestBody(bytes),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-MD5": contentMd5(bytes),
    },
  };
}

/** Input of {@link ProcessObject}. */
export interface ProcessObjectInput extends ProcessOptions {
  /** The source object's bucket. */
  bucket: string;
  /** The source object. */
  key: string;
  /** A sync instruction ending in `sys/saveas` (e.g. `syncProcess(...).saveAs({ key })`). */
  process: ProcessInput;
}

/** Result of {@link ProcessObject}. */
export interface ProcessObjectOutput extends OperationResult {
  /** The bucket the result was saved to (the source bucket when OSS reports none). */
  readonly bucket: string;
  /** The key the result was saved as. */
  readonly key: string | undefined;
  /** The result's size in bytes. */
  readonly fileSize: number | undefined;
  /** The service's status word, `"OK"` on success. */
  readonly processStatus: string | undefined;
}

/**
 * ProcessObject: processes an object synchronously and saves the result as another object
 * (`POST ?x-oss-process` with `sys/saveas`).
 */
export const ProcessObject: Operation<ProcessObjectInput, ProcessObjectOutput> = {
  name: "ProcessObject",
  serialize(input) {
    validateInput(input, "ProcessObject");
    validateBucket(input.bucket);
    validateKey(input.key);
    const text = processString(input.process, {
      kind: "sync",
      method: "POST",
      validate: input.validateProcess !== false,
      needsSaveAs: true,
    });
    const { body, headers } = formBody("x-oss-process", text);
    return {
      method: "POST",
      bucket: input.bucket,
      key: input.key,
      query: { "x-oss-process": "" },
      headers,
      body,
    };
  },
  async parse(response, input) {
    const text = await response.body.text();
    let json: { bucket?: unknown; object?: unknown; fileSize?: unknown; status?: unknown } = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = {};
    }
    return {
      ...resultBase(response),
      bucket: typeof json.bucket === "string" && json.bucket !== "" ? json.bucket : input.bucket,
      key: typeof json.object === "string" ? json.object : undefined,
      fileSize: typeof json.fileSize === "number" ? json.fileSize : undefined,
      processStatus: typeof json.status === "string" ? json.status : undefined,
    };
  },
};

/** Input of {@link AsyncProcessObject}. */
export interface AsyncProcessObjectInput extends ProcessOptions {
  bucket: string;
  key: string;
  /** An async instruction with `sys/saveas` (and optionally `notify`), e.g. `asyncProcess(doc().convert(...)).saveAs(...)`. */
  process: ProcessInput;
}

/** Result of {@link AsyncProcessObject}. */
export interface AsyncProcessObjectOutput extends OperationResult {
  /** The event id of the task (for the notification). */
  readonly eventId: string | undefined;
  /** The task id, to follow the task in IMM. */
  readonly taskId: string | undefined;
  /** The processing service's own request id (not `x-oss-request-id`). */
  readonly processRequestId: string | undefined;
  /** The response body as the service sent it. */
  readonly processResult: Record<string, unknown>;
}

/**
 * AsyncProcessObject: starts an asynchronous processing task (`POST ?x-oss-async-process`),
 * e.g. a document conversion whose output is written by `sys/saveas` and announced by `notify`.
 */
export const AsyncProcessObject: Operation<AsyncProcessObjectInput, AsyncProcessObjectOutput> = {
  name: "AsyncProcessObject",
  serialize(input) {
    validateInput(input, "AsyncProcessObject");
    validateBucket(input.bucket);
    validateKey(input.key);
    const text = processString(input.process, {
      kind: "async",
      method: "POST",
      validate: input.validateProcess !== false,
      needsSaveAs: true,
    });
    const { body, headers } = formBody("x-oss-async-process", text);
    return {
      method: "POST",
      bucket: input.bucket,
      key: input.key,
      query: { "x-oss-async-process": "" },
      headers,
      body,
    };
  },
  async parse(response) {
    const text = await response.body.text();
    let json: Record<string, unknown> = {};
    try {
      const parsed: unknown = text ? JSON.parse(text) : {};
      if (typeof parsed === "object" && parsed !== null) json = parsed as Record<string, unknown>;
    } catch {
      json = {};
    }
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    return {
      ...resultBase(response),
      eventId: str(json.EventId),
      taskId: str(json.TaskId),
      processRequestId: str(json.RequestId),
      processResult: json,
    };
  },
};
