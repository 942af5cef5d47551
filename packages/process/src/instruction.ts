import { fail, type ProcessLocation, type ProcessWarning } from "./errors";
import {
  actionSpec,
  type CategorySpec,
  formatOp,
  makeOp,
  type Op,
  type SourceImage,
  validateOp,
} from "./spec";
import { Stage, specOf } from "./stage";
import { StyleStage } from "./style";

/** `sync`: `x-oss-process` (GET, or POST with `sys/saveas`); `async`: `x-oss-async-process`. */
export type ProcessKind = "sync" | "async";

/** A processing stage: a chain of actions of one category, or a bucket style. */
export type ProcessingStage = Stage | StyleStage;

/** Where `sys/saveas` writes the result. Both values are plain text: they are base64-encoded for you. */
export interface SaveAsTarget {
  /** `o`: the destination object key; may use variables such as `{index}`, `{barename}`, `{autoext}`. */
  key: string;
  /** `b`: the destination bucket (same account and region); default the source bucket. */
  bucket?: string;
}

/** Where an async task's result is announced. */
export interface NotifyTarget {
  /** `topic`: the Simple Message Queue (MNS) topic, in the bucket's region (plain text). */
  topic: string;
}

/** Options of {@link ProcessInstruction.validate} and of {@link parse}. */
export interface ValidateOptions {
  /**
   * The HTTP method a sync instruction will be sent with. `"GET"` rejects `sys/saveas`
   * (which needs POST, `ProcessObject`). Default: not checked.
   */
  method?: "GET" | "POST";
  /** The most `|` the service accepts; default 5. */
  maxPipes?: number;
  /** Reject `doc/convert` in a sync instruction (its own page says async only) instead of warning. */
  strict?: boolean;
  /** The source image's size, for the warnings that depend on it (enlarging, strips, radius). */
  source?: SourceImage;
}

/** What {@link ProcessInstruction.validate} found. */
export interface ValidationResult {
  /** Documented no-ops and accepted-but-odd input. Empty when everything is as intended. */
  warnings: readonly ProcessWarning[];
}

/** The parts of an instruction. */
export interface ProcessInstructionInit {
  kind: ProcessKind;
  stages: readonly ProcessingStage[];
  output?: SaveAsTarget | undefined;
  notification?: NotifyTarget | undefined;
}

/** Positions of stages, actions and parameters in a parsed string. @internal */
export type Locator = (stage: number, op?: number, parameter?: string) => number | undefined;

/** What the parser adds to an instruction it built. @internal */
export interface ParseInfo {
  locate: Locator;
  warnings: readonly ProcessWarning[];
}

let pending: ParseInfo | undefined;

/** The table of `sys/saveas` and `notify`. @internal */
export const sysSpec: CategorySpec = {
  name: "sys",
  actions: {
    saveas: {
      p: {
        key: { k: "o", t: "text", max: 1023, req: true },
        bucket: { k: "b", t: "text", max: 63 },
      },
    },
    notify: { p: { topic: { k: "topic", t: "text", max: 256, req: true } } },
  },
};

/**
 * A processing instruction: processing stages joined by `|`, then optionally `sys/saveas` and
 * (async only) `notify`. It is checked when it is made (an async one's missing `sys/saveas` only
 * when it is written out or validated, so that `saveAs` can be chained);
 * {@link ProcessInstruction.toString} gives the value of the `x-oss-process` /
 * `x-oss-async-process` parameter. Instances are immutable.
 *
 * @example
 * ```ts
 * const instruction = asyncProcess(doc().convert({ target: "png", source: "docx" }))
 *   .saveAs({ bucket: "test-bucket", key: "doc_images/{index}.png" })
 *   .notify({ topic: "test-topic" });
 * instruction.toString();
 * // "doc/convert,target_png,source_docx|sys/saveas,b_dGVzdC1idWNrZXQ,o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw/notify,topic_dGVzdC10b3BpYw"
 * instruction.parameter; // "x-oss-async-process"
 * ```
 */
export class ProcessInstruction {
  /** Sync (`x-oss-process`) or async (`x-oss-async-process`). */
  readonly kind: ProcessKind;
  /** The processing stages, in order. */
  readonly stages: readonly ProcessingStage[];
  /** The `sys/saveas` target, if the result is saved as an object. */
  readonly output: SaveAsTarget | undefined;
  /** The `notify` target of an async instruction. */
  readonly notification: NotifyTarget | undefined;
  readonly #options: ValidateOptions;
  readonly #parse: ParseInfo | undefined;
  readonly #warnings: readonly ProcessWarning[];

  /**
   * Checks and makes an instruction. Prefer {@link syncProcess}, {@link asyncProcess} and
   * {@link parse}.
   *
   * @throws {@link ProcessSyntaxError} if the instruction breaks a rule.
   */
  constructor(init: ProcessInstructionInit, options: ValidateOptions = {}) {
    this.kind = init.kind;
    this.stages = Object.freeze([...init.stages]);
    this.output = init.output === undefined ? undefined : { ...init.output };
    this.notification = init.notification === undefined ? undefined : { ...init.notification };
    this.#options = options;
    this.#parse = pending;
    pending = undefined;
    this.#warnings = this.#check(options);
  }

  /** Warnings found when the instruction was made (see {@link ProcessInstruction.validate}). */
  get warnings(): readonly ProcessWarning[] {
    return this.#warnings;
  }

  /** The query parameter (and body field) that carries the instruction. */
  get parameter(): "x-oss-process" | "x-oss-async-process" {
    return this.kind === "async" ? "x-oss-async-process" : "x-oss-process";
  }

  /** `GET` for a sync instruction without `sys/saveas`; `POST` otherwise. */
  get method(): "GET" | "POST" {
    return this.kind === "sync" && this.output === undefined ? "GET" : "POST";
  }

  /**
   * Checks the instruction again with other options, e.g. the source image's size for the
   * warnings that depend on it.
   *
   * @example
   * ```ts
   * const { warnings } = syncProcess(image().resize({ w: 2000 })).validate({
   *   source: { width: 800, height: 600 },
   * });
   * // warnings[0].message: "the target is larger than the source: without limit_0 ..."
   * ```
   * @throws {@link ProcessSyntaxError} if the instruction breaks a rule under these options.
   */
  validate(options: ValidateOptions = {}): ValidationResult {
    const warnings = this.#check({ ...this.#options, ...options });
    this.#complete();
    return { warnings };
  }

  /**
   * A new instruction that saves the result as an object (`|sys/saveas,o_…,b_…`). A sync
   * instruction with `saveAs` must be sent with POST (`ProcessObject`). The parameters are written
   * in the order of the object's keys.
   *
   * @example
   * ```ts
   * syncProcess(image().resize({ w: 100 })).saveAs({ key: "test.jpg", bucket: "test" }).toString();
   * // "image/resize,w_100|sys/saveas,o_dGVzdC5qcGc,b_dGVzdA"
   * ```
   */
  saveAs(target: SaveAsTarget): ProcessInstruction {
    return new ProcessInstruction({ ...this, output: target }, this.#options);
  }

  /**
   * A new async instruction that announces its result on an MNS topic: `/notify,topic_…` after
   * `sys/saveas`, or a `|sys/notify,topic_…` stage when nothing is saved (blind-watermark decoding).
   *
   * @throws {@link ProcessSyntaxError} with rule `notify` on a sync instruction.
   */
  notify(target: NotifyTarget): ProcessInstruction {
    return new ProcessInstruction({ ...this, notification: target }, this.#options);
  }

  /**
   * The instruction string, canonical: URL-safe base64 without padding, no empty arguments.
   *
   * @throws {@link ProcessSyntaxError} with rule `saveas-required` for an async instruction that
   * produces a file but has no {@link ProcessInstruction.saveAs} yet.
   */
  toString(): string {
    this.#complete();
    let out = this.stages.map(String).join("|");
    if (this.output) out += `|sys/${formatOp(sysSpec, makeOp("saveas", this.output) as Op)}`;
    if (this.notification) {
      out += `${this.output ? "/" : "|sys/"}${formatOp(sysSpec, makeOp("notify", this.notification) as Op)}`;
    }
    return out;
  }

  /** An async instruction that produces a file must save it. */
  #complete(): void {
    if (this.kind !== "async" || this.output) return;
    for (const stage of this.stages) {
      const ops: readonly Op[] = stage instanceof Stage ? stage.ops : [{ action: "style" }];
      for (const op of ops) {
        if (stage instanceof Stage && actionSpec(specOf(stage), op.action).noOutput) continue;
        fail(
          "saveas-required",
          "an async instruction that produces a file must save it with sys/saveas",
          {
            stage: 0,
            action: op.action,
            position: this.#parse?.locate(this.stages.length),
          },
        );
      }
    }
  }

  #check(options: ValidateOptions): ProcessWarning[] {
    const warnings: ProcessWarning[] = [...(this.#parse?.warnings ?? [])];
    const at = this.#parse?.locate ?? (() => undefined);
    const { kind, stages, output, notification } = this;
    const strict = options.strict === true;
    const maxPipes = options.maxPipes ?? 5;
    if (kind !== "sync" && kind !== "async") fail("syntax", 'kind must be "sync" or "async"');
    if (stages.length === 0) {
      fail("chain", "an instruction needs a processing stage before sys/saveas or notify", {
        position: 0,
      });
    }
    const total = stages.reduce((n, s) => n + (s instanceof Stage ? s.ops.length : 1), 0);
    stages.forEach((stage, si) => {
      const here: ProcessLocation = { stage: si, position: at(si) };
      if (stage instanceof StyleStage) {
        if (stages.length > 1) {
          fail(
            "chain",
            "a style must be the only processing stage: only sys stages may follow it",
            here,
          );
        }
        return;
      }
      if (!(stage instanceof Stage))
        fail("syntax", "a stage must come from image(), doc(), video(), audio() or style()", here);
      const spec = specOf(stage);
      const category = stage.category;
      if (stage.ops.length === 0) fail("syntax", `the ${category} stage has no action`, here);
      stage.ops.forEach((op, oi) => {
        validateOp(spec, op, {
          stage: si,
          nested: false,
          warn: (w) => warnings.push(w),
          locate: (key) => at(si, oi, key),
        });
        const a = actionSpec(spec, op.action);
        const name = `${category}/${op.action}`;
        const where: ProcessLocation = { stage: si, action: op.action, position: at(si, oi) };
        if (a.mode && a.mode !== kind) {
          const message = `${name} is ${a.mode === "sync" ? "sync-only (x-oss-process)" : "async-only (x-oss-async-process)"}`;
          if (a.modeWarn && !strict)
            warnings.push({
              ...where,
              rule: "mode",
              message: `${message} per its own page; another page shows it in sync use`,
            });
          else fail("mode", message, where);
        }
        if (a.alone && total > 1)
          fail("chain", `${name} cannot be combined with other actions`, where);
        if (a.last && (si < stages.length - 1 || oi < stage.ops.length - 1)) {
          fail("chain", `${name} must be the last action`, where);
        }
        if (a.solo && (stages.length > 1 || output || notification)) {
          fail("chain", `${name} cannot be piped`, where);
        }
        if (a.after && !a.after.includes(stage.ops[oi - 1]?.action ?? "")) {
          fail("chain", `/${op.action} must follow ${a.after.join(" or ")}`, where);
        }
        if (a.needs && !a.needs.includes(stage.ops[oi + 1]?.action ?? "")) {
          fail(
            "chain",
            `${name} needs at least one /${a.needs.join(" or /")} clause after it`,
            where,
          );
        }
        if (options.source && a.src) {
          a.src(op, options.source, (parameter, message) =>
            warnings.push({
              ...where,
              parameter,
              position: at(si, oi, parameter),
              rule: "no-op",
              message,
            }),
          );
        }
      });
      if (stages.length > 1 && kind === "sync" && category !== "image") {
        fail(
          "chain",
          `only image stages may be piped in a sync instruction, not ${category}`,
          here,
        );
      }
      if (si > 0 && kind === "async") {
        fail(
          "chain",
          "an async instruction has one processing stage, then only sys/saveas and notify",
          here,
        );
      }
    });
    const sys = stages.length;
    if (output !== undefined) {
      validateOp(sysSpec, makeOp("saveas", output) as Op, {
        stage: sys,
        locate: (key) => at(sys, 0, key),
      });
    }
    if (notification !== undefined) {
      const op = output ? 1 : 0;
      validateOp(sysSpec, makeOp("notify", notification) as Op, {
        stage: sys,
        locate: (key) => at(sys, op, key),
      });
      if (kind === "sync") {
        fail("notify", "notify is only for async processing (x-oss-async-process)", {
          stage: sys,
          action: "notify",
          position: at(sys, op),
        });
      }
    }
    if (output && kind === "sync" && options.method === "GET") {
      fail("saveas-method", "sys/saveas needs a POST request (ProcessObject), not GET", {
        stage: sys,
        action: "saveas",
        position: at(sys, 0),
      });
    }
    const pipes = stages.length - 1 + (output || notification ? 1 : 0);
    if (pipes > maxPipes) {
      const stage = maxPipes + 1;
      fail("pipe-limit", `${pipes} pipes (|); the service allows ${maxPipes}`, {
        stage,
        position: at(stage),
      });
    }
    return warnings;
  }
}

/** Makes an instruction carrying the parser's positions and warnings. @internal */
export function parsedInstruction(
  init: ProcessInstructionInit,
  options: ValidateOptions,
  info: ParseInfo,
): ProcessInstruction {
  pending = info;
  try {
    return new ProcessInstruction(init, options);
  } finally {
    pending = undefined;
  }
}

/**
 * A synchronous instruction (`x-oss-process`): the stages joined with `|`. Add
 * {@link ProcessInstruction.saveAs} to save the result with `ProcessObject` (POST).
 *
 * @example
 * ```ts
 * syncProcess(image().resize({ w: 100 }), image().format("webp")).toString();
 * // "image/resize,w_100|image/format,webp"
 * ```
 * @throws {@link ProcessSyntaxError} if the instruction breaks a rule.
 */
export function syncProcess(...stages: ProcessingStage[]): ProcessInstruction {
  return new ProcessInstruction({ kind: "sync", stages });
}

/**
 * An asynchronous instruction (`x-oss-async-process`): one processing stage, then
 * {@link ProcessInstruction.saveAs} and optionally {@link ProcessInstruction.notify}, chained or
 * given in `tail`. An async instruction that produces a file is complete only with `saveAs`:
 * until then `toString()` and `validate()` throw (rule `saveas-required`).
 *
 * @example
 * ```ts
 * asyncProcess(video().convert({ format: "mp4", videoCodec: "h264" }))
 *   .saveAs({ key: "out.mp4" })
 *   .toString();
 * // "video/convert,f_mp4,vcodec_h264|sys/saveas,o_b3V0Lm1wNA"
 * asyncProcess(image().deblindwatermark({ strength: "low", type: "text" }), {
 *   notify: { topic: "imm-blindwatermark-test" },
 * }).toString();
 * // "image/deblindwatermark,s_low,t_text|sys/notify,topic_aW1tLWJsaW5kd2F0ZXJtYXJrLXRlc3Q"
 * ```
 */
export function asyncProcess(
  stage: ProcessingStage,
  tail: { saveAs?: SaveAsTarget; notify?: NotifyTarget } = {},
): ProcessInstruction {
  return new ProcessInstruction({
    kind: "async",
    stages: [stage],
    output: tail.saveAs,
    notification: tail.notify,
  });
}
