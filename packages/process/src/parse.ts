import { AudioStage, audioSpec } from "./audio";
import { decodeBase64Url } from "./base64";
import { DocStage, docSpec } from "./doc";
import { fail, type ProcessLocation, ProcessSyntaxError, type ProcessWarning } from "./errors";
import { ImageStage, imageSpec } from "./image";
import {
  type NotifyTarget,
  type ProcessInstruction,
  type ProcessingStage,
  type ProcessKind,
  parsedInstruction,
  type SaveAsTarget,
  sysSpec,
  type ValidateOptions,
} from "./instruction";
import { type ActionSpec, actionSpec, type CategorySpec, type Op, type ParamSpec } from "./spec";
import type { Stage } from "./stage";
import { StyleStage } from "./style";
import { VideoStage, videoSpec } from "./video";

/** Options of {@link parse}. */
export interface ParseOptions extends ValidateOptions {
  /**
   * Which parameter the string is the value of: `"sync"` for `x-oss-process` (the default),
   * `"async"` for `x-oss-async-process`. The string alone does not say.
   */
  kind?: ProcessKind;
}

const CATEGORIES: Record<string, [CategorySpec, new (ops: readonly Op[]) => Stage]> = {
  image: [imageSpec, ImageStage as never],
  doc: [docSpec, DocStage as never],
  video: [videoSpec, VideoStage as never],
  audio: [audioSpec, AudioStage as never],
};
const SEP = "?x-oss-process=";

interface OpPositions {
  start: number;
  params: Map<string, number>;
}

interface Context {
  stage: number;
  kind: ProcessKind;
  warn: (warning: ProcessWarning) => void;
}

/**
 * Parses an `x-oss-process` (or, with `{ kind: "async" }`, `x-oss-async-process`) value into a
 * {@link ProcessInstruction}, checking every rule the builders check. Base64 values come back
 * decoded; `toString()` gives the canonical string back (`parse(s).toString() === s` for canonical
 * input). Accepts, with a warning, what the service tolerates but the builders never write:
 * padded or `+` base64, trailing empty arguments.
 *
 * @example
 * ```ts
 * const instruction = parse("image/resize,w_300/watermark,text_SGVsbG8gV29ybGQ");
 * instruction.stages[0]; // ImageStage { category: "image", ops: [{ action: "resize", w: 300 }, { action: "watermark", text: "Hello World" }] }
 *
 * parse("image/resize,w_100|sys/saveas,o_dGVzdC5qcGc", { method: "GET" });
 * // throws ProcessSyntaxError: rule "saveas-method", stage 1, action "saveas"
 * ```
 * @throws {@link ProcessSyntaxError} naming the stage, action, parameter, rule and position.
 */
export function parse(input: string, options: ParseOptions = {}): ProcessInstruction {
  if (typeof input !== "string") fail("syntax", "an instruction must be a string");
  const kind = options.kind ?? "sync";
  if (input === "") fail("syntax", "the instruction is empty", { position: 0 });
  if (/^x-oss-(async-)?process=/.test(input)) {
    fail("syntax", "pass only the value, without the x-oss-process= prefix", { position: 0 });
  }
  const encoded = input.search(/%[0-9A-Fa-f]{2}/);
  if (encoded >= 0) {
    fail("syntax", "the instruction is percent-encoded: decode it first", { position: encoded });
  }
  const legacy = input.indexOf("@");
  if (legacy >= 0) {
    fail("syntax", "the legacy @ syntax is not supported; use image/... actions", {
      position: legacy,
    });
  }

  const warnings: ProcessWarning[] = [];
  const positions: { start: number; ops: OpPositions[] }[] = [];
  const stages: ProcessingStage[] = [];
  let output: SaveAsTarget | undefined;
  let notification: NotifyTarget | undefined;
  let sys: "saveas" | "notify" | undefined;
  let offset = 0;

  input.split("|").forEach((part, si) => {
    const start = offset;
    offset += part.length + 1;
    const ops: OpPositions[] = [];
    positions.push({ start, ops });
    const here: ProcessLocation = { stage: si, position: start };
    if (sys === "saveas") {
      fail("saveas-last", "sys/saveas must be the last stage: only /notify may follow it", {
        stage: si - 1,
        action: "saveas",
        position: start - 1,
      });
    }
    if (sys === "notify") {
      fail("notify", "sys/notify must be the last stage", {
        stage: si - 1,
        action: "notify",
        position: start - 1,
      });
    }
    if (part === "") fail("syntax", "empty stage (two | in a row, or a | at an end)", here);
    const segments = part.split("/");
    const category = segments[0]!;
    if (segments.length < 2) fail("syntax", `a stage is <category>/<action>, got "${part}"`, here);
    let cursor = start + category.length + 1;
    const items = segments.slice(1).map((text) => {
      const at = cursor;
      cursor += text.length + 1;
      return { text, at };
    });
    const ctx: Context = { stage: si, kind, warn: (w) => warnings.push(w) };

    if (category === "style") {
      const name = items.map((i) => i.text).join("/");
      ops.push({ start: items[0]!.at, params: new Map() });
      try {
        stages.push(new StyleStage(name));
      } catch (error) {
        throw relocate(error, { stage: si, action: "style", position: items[0]!.at });
      }
      return;
    }
    if (category === "sys") {
      sys = items[0]!.text.split(",")[0] === "notify" ? "notify" : "saveas";
      items.forEach(({ text, at }, oi) => {
        const { op, params } = parseOp(sysSpec, text, at, ctx);
        ops.push({ start: at, params });
        const { action, ...rest } = op;
        if (action === "saveas" && oi === 0) output = rest as unknown as SaveAsTarget;
        else if (action === "notify" && (oi === 0 || (oi === 1 && output))) {
          notification = rest as unknown as NotifyTarget;
        } else if (action === "saveas" && !output) {
          fail("notify", "notify must come after sys/saveas, not before", {
            stage: si,
            action,
            position: at,
          });
        } else if (output) {
          fail("saveas-last", "only /notify may follow sys/saveas", {
            stage: si,
            action,
            position: at,
          });
        } else {
          fail("notify", "sys/notify must be the last stage", { stage: si, action, position: at });
        }
      });
      return;
    }
    const entry = Object.hasOwn(CATEGORIES, category) ? CATEGORIES[category] : undefined;
    if (!entry) {
      const why =
        category === "imm"
          ? "the legacy imm/ category is not supported: use doc/preview"
          : category === "csv" || category === "json"
            ? `${category}/ is SelectObject, not a processing instruction`
            : `unknown category "${category}": image, doc, video, audio, style or sys`;
      fail("unknown-category", why, here);
    }
    const [spec, StageClass] = entry;
    const parsed = items.map(({ text, at }) => {
      const { op, params } = parseOp(spec, text, at, ctx);
      ops.push({ start: at, params });
      return op;
    });
    stages.push(new StageClass(parsed));
  });

  const locate = (si: number, oi?: number, key?: string): number | undefined => {
    const stage = positions[si];
    if (oi === undefined) return stage?.start;
    const op = stage?.ops[oi];
    return (key === undefined ? undefined : op?.params.get(key)) ?? op?.start;
  };
  const instruction = parsedInstruction({ kind, stages, output, notification }, options, {
    locate,
    warnings,
  });
  instruction.validate();
  return instruction;
}

function relocate(error: unknown, where: ProcessLocation): unknown {
  if (!(error instanceof ProcessSyntaxError)) return error;
  return new ProcessSyntaxError({
    rule: error.rule,
    detail: error.detail,
    stage: where.stage,
    action: error.action ?? where.action,
    parameter: error.parameter,
    position: where.position,
  });
}

/** One action: `name,key_value,...` (or `name,value` for a positional action). */
function parseOp(
  category: CategorySpec,
  text: string,
  start: number,
  ctx: Context,
): { op: Op; params: Map<string, number> } {
  const args = text.split(",");
  const name = args[0]!;
  const at = { stage: ctx.stage, action: name, position: start };
  if (!/^[a-z][a-z-]*$/.test(name)) {
    fail(
      "syntax",
      name === ""
        ? "empty action (two / in a row, or a / at an end)"
        : `"${name}" is not an action name; a "/" inside a value? Base64 must be URL-safe (- and _)`,
      { stage: ctx.stage, position: start },
    );
  }
  if (name === "notify" && category.name !== "sys") {
    fail(
      "notify",
      ctx.kind === "sync"
        ? "notify is only for async processing (x-oss-async-process), after sys/saveas"
        : "notify belongs after sys/saveas (…|sys/saveas,…/notify,topic_…) or in a sys/notify stage",
      at,
    );
  }
  const spec = actionSpec(category, name, { stage: ctx.stage, locate: () => start });
  let end = args.length;
  while (end > 1 && args[end - 1] === "") end--;
  if (end < args.length) {
    ctx.warn({ ...at, rule: "lenient", message: "empty trailing arguments are ignored" });
  }
  const op: Record<string, unknown> = { action: name };
  const extra: Record<string, string> = {};
  const params = new Map<string, number>();
  let cursor = start + name.length + 1;
  for (let i = 1; i < end; i++) {
    const arg = args[i]!;
    const position = cursor;
    cursor += arg.length + 1;
    const where = (parameter?: string): ProcessLocation => ({ ...at, parameter, position });
    if (arg === "") fail("syntax", "empty argument", where());
    if (spec.pos) {
      if (i > 1) fail("syntax", `${name} takes exactly one bare value`, where());
      op.value = convert(spec.p.value!, arg, "value", where(), ctx);
      continue;
    }
    const split = arg.indexOf("_");
    if (split < 0) {
      fail(
        "syntax",
        `"${arg}" is not key_value (only positional actions take a bare value)`,
        where(),
      );
    }
    const key = arg.slice(0, split);
    const raw = arg.slice(split + 1);
    if (!/^[A-Za-z]+$/.test(key)) fail("syntax", `"${key}" is not a parameter key`, where());
    if (params.has(key)) fail("duplicate-parameter", `${key} is given twice`, where(key));
    params.set(key, position);
    const prop = propertyOf(spec, key);
    if (prop === undefined) {
      if (!spec.open) {
        const other = Object.values(spec.p).find((p) => p.k.toLowerCase() === key.toLowerCase());
        fail(
          "unknown-parameter",
          `${category.name}/${name} has no parameter "${key}"` +
            (other ? ` (keys are case-sensitive: did you mean ${other.k}?)` : ""),
          where(key),
        );
      }
      extra[key] = raw;
      continue;
    }
    op[prop] = convert(spec.p[prop]!, raw, key, where(key), ctx);
  }
  if (Object.keys(extra).length) op.extra = extra;
  return { op: op as unknown as Op, params };
}

function propertyOf(spec: ActionSpec, key: string): string | undefined {
  for (const [prop, ps] of Object.entries(spec.p)) if (ps.k === key) return prop;
  return undefined;
}

/** The typed value of one raw argument. Ranges and enums are checked later, by the tables. */
function convert(
  ps: ParamSpec,
  raw: string,
  key: string,
  where: ProcessLocation,
  ctx: Context,
): unknown {
  function bad(rule: "type" | "base64", what: string): never {
    return fail(rule, `${key} must be ${what}, got ${JSON.stringify(raw)}`, where);
  }
  switch (ps.t) {
    case "int":
      if (!/^-?\d+$/.test(raw)) bad("type", "an integer");
      return Number(raw);
    case "num":
      if (!/^-?\d+(\.\d+)?$/.test(raw)) bad("type", "a number");
      return Number(raw);
    case "bool":
      if (raw !== "0" && raw !== "1") bad("type", "0 or 1");
      return raw === "1";
    case "enum":
      return ps.e!.some((e) => typeof e === "number") && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    case "text":
    case "b64enum":
    case "pages":
    case "custom": {
      const decoded = decodeBase64Url(raw);
      if (!decoded) bad("base64", "URL-safe base64 of UTF-8 text");
      if (decoded.plus) {
        ctx.warn({
          ...where,
          rule: "lenient",
          message: `${key} uses standard base64 "+"; write "-" (URL-safe)`,
        });
      }
      return ps.t === "custom" ? watermarkImage(decoded.text, where, ctx) : decoded.text;
    }
    default:
      return raw;
  }
}

/** A watermark image key, with its own process when one is appended. */
function watermarkImage(text: string, where: ProcessLocation, ctx: Context): unknown {
  const split = text.indexOf(SEP);
  if (split < 0) return text;
  const nested = text.slice(split + SEP.length);
  const segments = nested.split("/");
  if (segments[0] !== "image" || segments.length < 2 || nested.includes("|")) {
    fail("context", `a watermark image's process must be one image/ stage, got "${nested}"`, where);
  }
  try {
    const ops = segments
      .slice(1)
      .map((t) => parseOp(imageSpec, t, 0, { ...ctx, warn: () => {} }).op);
    return { key: text.slice(0, split), process: new ImageStage(ops as never) };
  } catch (error) {
    if (!(error instanceof ProcessSyntaxError)) throw error;
    return fail(error.rule, `in the watermark image's process: ${error.detail}`, where);
  }
}
