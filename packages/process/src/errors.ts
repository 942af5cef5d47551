import { ValidationError } from "@oss-kit/errors";

/**
 * The rule an instruction broke, as a stable identifier to switch on.
 *
 * | Rule | Meaning |
 * |---|---|
 * | `syntax` | the string does not follow the grammar (empty stage, `/` inside a value, bare value where a key is needed, percent-encoded input, …) |
 * | `unknown-category` | the part before the first `/` of a stage is not `image`, `doc`, `video`, `audio`, `style` or `sys` |
 * | `unknown-action` | the category has no such action |
 * | `unknown-parameter` | the action has no such parameter (keys are case-sensitive) |
 * | `duplicate-parameter` | a parameter is given twice |
 * | `type` | a value has the wrong type or shape (not an integer, not `RRGGBB`, …) |
 * | `range` | a number is outside its documented range |
 * | `enum` | a value is not one of the documented choices |
 * | `length` | a text is empty or longer than its documented limit |
 * | `base64` | a value that must be base64 is not, or does not decode to UTF-8 |
 * | `required` | a required parameter is missing |
 * | `context` | a parameter or action is not allowed where it is (upper-case `P` outside a watermark image's process, …) |
 * | `chain` | an illegal order or combination of actions or stages (`info` with other actions, pipes after `doc/preview`, …) |
 * | `mode` | a sync-only action in an async instruction, or an async-only action in a sync one |
 * | `saveas-last` | `sys/saveas` is followed by something other than `/notify` |
 * | `saveas-method` | `sys/saveas` in a sync instruction that will be sent with GET |
 * | `saveas-required` | an async instruction produces a file but does not save it |
 * | `notify` | `notify` in a sync instruction, or not right after `sys/saveas` / as a `sys/notify` stage |
 * | `pipe-limit` | more `|` than the service allows (5 by default) |
 */
export type ProcessRule =
  | "syntax"
  | "unknown-category"
  | "unknown-action"
  | "unknown-parameter"
  | "duplicate-parameter"
  | "type"
  | "range"
  | "enum"
  | "length"
  | "base64"
  | "required"
  | "context"
  | "chain"
  | "mode"
  | "saveas-last"
  | "saveas-method"
  | "saveas-required"
  | "notify"
  | "pipe-limit";

/** Where in an instruction a problem is: every field is optional, the more the better. */
export interface ProcessLocation {
  /** Index of the stage (`|`-separated part, counting `sys` stages), from 0. */
  stage?: number | undefined;
  /** The action, as written on the wire: `"resize"`, `"rounded-corners"`, `"saveas"`. */
  action?: string | undefined;
  /** The parameter's key as written on the wire (`"w"`, `"P"`, `"o"`); none for positional values. */
  parameter?: string | undefined;
  /** Offset in the instruction string, when the problem came from parsing one. */
  position?: number | undefined;
}

/** Options of a {@link ProcessSyntaxError}. */
export interface ProcessSyntaxErrorOptions extends ProcessLocation {
  /** The broken rule. */
  rule: ProcessRule;
  /** What is wrong, in words, without the location: `"must be an integer from 1 to 16384, got 20000"`. */
  detail: string;
}

/**
 * A processing instruction (`x-oss-process` / `x-oss-async-process`) that breaks the grammar or a
 * documented rule. Every error `@oss-kit/process` throws for bad input is one of these.
 *
 * @example
 * ```ts
 * try {
 *   parse("image/resize,w_20000");
 * } catch (error) {
 *   if (error instanceof ProcessSyntaxError) {
 *     error.rule; // "range"
 *     error.stage; // 0
 *     error.action; // "resize"
 *     error.parameter; // "w"
 *     error.position; // 13
 *   }
 * }
 * ```
 */
export class ProcessSyntaxError extends ValidationError {
  static override readonly errorName: string = "ProcessSyntaxError";
  /** The broken rule, as a stable identifier (the words are in `message` and `detail`). */
  declare readonly rule: ProcessRule;
  /** What is wrong, in words. */
  readonly detail: string;
  /** Index of the stage, from 0; `undefined` when not tied to one (or not known yet in a builder). */
  readonly stage: number | undefined;
  /** The action, as written on the wire. */
  readonly action: string | undefined;
  /** The parameter's wire key. */
  readonly parameter: string | undefined;
  /** Offset in the parsed string. */
  readonly position: number | undefined;

  constructor(options: ProcessSyntaxErrorOptions) {
    const where = describeLocation(options);
    super(
      {
        field: where,
        rule:
          `${options.detail} [${options.rule}]` +
          (options.position === undefined ? "" : ` at position ${options.position}`),
        operation: "process",
      },
      "ERR_OSS_PROCESS_SYNTAX",
    );
    Object.defineProperty(this, "rule", { value: options.rule, enumerable: true });
    this.detail = options.detail;
    this.stage = options.stage;
    this.action = options.action;
    this.parameter = options.parameter;
    this.position = options.position;
  }
}

/** `stages[1].resize.w`, or `instruction` when nothing more precise is known. */
function describeLocation(where: ProcessLocation): string {
  let path = where.stage === undefined ? "" : `stages[${where.stage}]`;
  if (where.action !== undefined) path += (path ? "." : "") + where.action;
  if (where.parameter !== undefined) path += (path ? "." : "") + where.parameter;
  return path || "instruction";
}

/**
 * A documented no-op or likely mistake that the service accepts: returned as data, never logged.
 *
 * @example
 * ```ts
 * syncProcess(image().resize({ w: 4000 })).validate({ source: { width: 1000, height: 800 } }).warnings;
 * // [{ rule: "no-op", stage: 0, action: "resize", message: "the target is larger than the source ..." }]
 * ```
 */
export interface ProcessWarning extends ProcessLocation {
  /**
   * What kind of warning: `no-op` (the parameter or action has no effect), `lenient` (accepted
   * input that is not canonical, e.g. a trailing comma or standard base64 `+`), `undocumented`
   * (an action or parameter the reference does not fully document), `mode` (a mode the
   * documentation contradicts itself about), `order` (a documented recommended order is not followed).
   */
  rule: "no-op" | "lenient" | "undocumented" | "mode" | "order";
  /** What happens, in words. */
  message: string;
}

/** Throws a {@link ProcessSyntaxError}. */
export function fail(rule: ProcessRule, detail: string, where: ProcessLocation = {}): never {
  throw new ProcessSyntaxError({ ...where, rule, detail });
}
