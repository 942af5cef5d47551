/**
 * The tables that describe each category's actions and parameters, and the two generic routines
 * that use them: validating one action and writing it out. Each category module holds its own
 * table, so importing `image` does not pull in the tables of `doc`, `video` or `audio`.
 *
 * @internal
 * @packageDocumentation
 */
import { encodeBase64Url } from "./base64";
import { fail, type ProcessLocation, type ProcessRule, type ProcessWarning } from "./errors";

/** How a value is typed, written and checked. @internal */
export type ValueType =
  /** integer, written in decimal */
  | "int"
  /** decimal number */
  | "num"
  /** boolean, written `0`/`1` */
  | "bool"
  /** one of `e` (strings or numbers) */
  | "enum"
  /** `RRGGBB`, plain text (never base64) */
  | "hex"
  /** UTF-8 text, written as URL-safe base64; `max` is its length in characters */
  | "text"
  /** text from `e`, written as URL-safe base64 */
  | "b64enum"
  /** a page selection such as `1,2,4-10`, written as URL-safe base64 */
  | "pages"
  /** a resolution `WxH` */
  | "res"
  /** a plain token from the value alphabet `[A-Za-z0-9._=-]` */
  | "token"
  /** custom: `v` checks it and `f` writes it */
  | "custom";

/** One parameter of an action. @internal */
export interface ParamSpec {
  /** The key on the wire (case-sensitive); `""` for the bare value of a positional action. */
  readonly k: string;
  readonly t: ValueType;
  readonly min?: number;
  readonly max?: number;
  readonly e?: readonly (string | number)[];
  readonly req?: boolean;
  /** Allowed only inside a watermark image's own process (upper-case `P`). */
  readonly nested?: boolean;
  /** Custom check of a `custom` value. */
  readonly v?: (value: unknown, check: Check) => void;
  /** Custom writer of a `custom` value. */
  readonly f?: (value: unknown) => string;
}

/** One action of a category. @internal */
export interface ActionSpec {
  /** Parameters by property name. A positional action has exactly one, named `value`. */
  readonly p: Readonly<Record<string, ParamSpec>>;
  /** Takes one bare value (`rotate,90`) instead of `key_value` arguments. */
  readonly pos?: boolean;
  /** The only mode it works in; both when absent. */
  readonly mode?: "sync" | "async";
  /** In the other mode: a warning rather than an error, unless strict (doc/convert). */
  readonly modeWarn?: boolean;
  /** Must be the only action of the instruction (`image/info`). */
  readonly alone?: boolean;
  /** Must be the last processing action (`image/average-hue`). */
  readonly last?: boolean;
  /** No pipes at all around it (`doc/preview`, `doc/edit`). */
  readonly solo?: boolean;
  /** A sub-clause: must directly follow one of these actions (`/pre` after `concat`). */
  readonly after?: readonly string[];
  /** The reference's parameter table is incomplete: unknown keys go to `extra`, with a warning. */
  readonly open?: boolean;
  /** Produces no file, so an async instruction needs no `sys/saveas` (blind-watermark decoding). */
  readonly noOutput?: boolean;
  /** A composite action: must be followed by at least one of these sub-clauses (`concat` → `pre`/`sur`). */
  readonly needs?: readonly string[];
  /** Rules between parameters. */
  readonly check?: (op: OpRecord, check: Check) => void;
  /** Warnings that need the source image's size (documented no-ops). */
  readonly src?: (op: Op, source: SourceImage, warn: SourceWarn) => void;
}

/** The size of the source image, for the warnings that depend on it. */
export interface SourceImage {
  /** Width in px. */
  width: number;
  /** Height in px. */
  height: number;
}

/** Reports a source-dependent warning about a parameter (wire key). @internal */
export type SourceWarn = (parameter: string | undefined, message: string) => void;

/** A category and its actions. @internal */
export interface CategorySpec {
  readonly name: string;
  readonly actions: Readonly<Record<string, ActionSpec>>;
}

/** An action as data: its wire name and its parameters by property name. */
export interface Op {
  readonly action: string;
  /** Parameters the reference does not document, by wire key (only on actions that allow them). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** An action seen as a record of its parameters. @internal */
export type OpRecord = Op & { readonly [parameter: string]: unknown };

/** What a `check` function may do. @internal */
export interface Check {
  /** Throws a {@link ProcessSyntaxError} about `parameter` (a property name) of the current action. */
  fail(rule: ProcessRule, parameter: string | undefined, detail: string): never;
  /** Records a warning about `parameter` of the current action. */
  warn(parameter: string | undefined, message: string, rule?: ProcessWarning["rule"]): void;
  /** Whether the current action sets this property. */
  has(name: string): boolean;
  /** `true` inside a watermark image's process, `false` at the top level, `undefined` in a builder. */
  readonly nested: boolean | undefined;
}

/** Where and how an action is checked. @internal */
export interface OpContext {
  stage?: number | undefined;
  nested?: boolean | undefined;
  warn?: ((warning: ProcessWarning) => void) | undefined;
  /** The position of the action (no parameter) or of one of its parameters (wire key). */
  locate?: ((parameter: string | undefined) => number | undefined) | undefined;
}

const TOKEN = /^[A-Za-z0-9._=-]+$/;
const KEY = /^[A-Za-z]+$/;

/** The spec of `op.action` in `category`, or a thrown `unknown-action`. @internal */
export function actionSpec(
  category: CategorySpec,
  action: unknown,
  ctx: OpContext = {},
): ActionSpec {
  if (typeof action === "string" && Object.hasOwn(category.actions, action)) {
    return category.actions[action]!;
  }
  return fail("unknown-action", `${category.name} has no action "${String(action)}"`, {
    stage: ctx.stage,
    action: typeof action === "string" ? action : undefined,
    position: ctx.locate?.(undefined),
  });
}

/**
 * Checks one action against its category's table: known parameters, types, ranges, required
 * parameters and the rules between them. Throws the first problem; reports warnings to `ctx.warn`.
 *
 * @internal
 */
export function validateOp(category: CategorySpec, action_: Op, ctx: OpContext = {}): void {
  const op = action_ as OpRecord;
  if (typeof op !== "object" || op === null) {
    fail("syntax", "an action must be an object with an `action` name", { stage: ctx.stage });
  }
  const spec = actionSpec(category, op.action, ctx);
  const action = op.action;
  const where = (name: string | undefined): ProcessLocation => {
    const key =
      name === undefined
        ? undefined
        : (Object.hasOwn(spec.p, name) ? spec.p[name]!.k : name) || undefined;
    return { stage: ctx.stage, action, parameter: key, position: ctx.locate?.(key) };
  };
  const check: Check = {
    fail: (rule, name, detail) => fail(rule, detail, where(name)),
    warn: (name, message, rule = "no-op") => ctx.warn?.({ ...where(name), rule, message }),
    has: (name) => op[name] !== undefined,
    nested: ctx.nested,
  };
  for (const name of Object.keys(op)) {
    if (name === "action") continue;
    const value = op[name];
    if (name === "extra") {
      if (value !== undefined) checkExtra(spec, value, check);
      continue;
    }
    const ps = Object.hasOwn(spec.p, name) ? spec.p[name] : undefined;
    if (!ps) {
      check.fail("unknown-parameter", name, `${action} has no parameter "${name}"`);
    }
    if (value === undefined) continue;
    checkValue(ps, value, name, check);
    if (ps.nested && ctx.nested === false) {
      check.fail(
        "context",
        name,
        `${label(name, ps)} is only allowed in the process of a watermark image`,
      );
    }
  }
  for (const [name, ps] of Object.entries(spec.p)) {
    if (ps.req && op[name] === undefined) {
      check.fail("required", name, `${action} needs ${label(name, ps)}`);
    }
  }
  spec.check?.(op, check);
}

function label(name: string, ps: ParamSpec): string {
  if (!ps.k) return "the value";
  return ps.k === name ? ps.k : `${ps.k} (${name})`;
}

function checkExtra(spec: ActionSpec, extra: unknown, check: Check): void {
  if (!spec.open) check.fail("unknown-parameter", "extra", "this action takes no extra parameters");
  if (typeof extra !== "object" || extra === null) {
    check.fail("type", "extra", "extra must be an object of wire keys to values");
  }
  const known = new Set(Object.values(spec.p).map((ps) => ps.k));
  for (const [key, value] of Object.entries(extra)) {
    if (!KEY.test(key)) check.fail("unknown-parameter", key, `"${key}" is not a valid key`);
    if (known.has(key)) {
      check.fail("duplicate-parameter", key, `${key} is a documented parameter, not an extra one`);
    }
    if (typeof value !== "string" || !TOKEN.test(value)) {
      check.fail("type", key, `${key} must be a non-empty string of [A-Za-z0-9._=-]`);
    }
    check.warn(key, `${key} is not in the reference's parameter table`, "undocumented");
  }
}

function checkValue(ps: ParamSpec, v: unknown, prop: string, check: Check): void {
  function bad(rule: ProcessRule, what: string): never {
    return check.fail(rule, prop, `${label(prop, ps)} must be ${what}, got ${show(v)}`);
  }
  const lo = ps.min ?? 0;
  const range = (): string => (ps.max === undefined ? `at least ${lo}` : `from ${lo} to ${ps.max}`);
  switch (ps.t) {
    case "int":
    case "num":
      if (
        typeof v !== "number" ||
        !Number.isFinite(v) ||
        (ps.t === "int" && !Number.isInteger(v))
      ) {
        bad("type", ps.t === "int" ? "an integer" : "a number");
      }
      if (v < lo || (ps.max !== undefined && v > ps.max)) {
        bad("range", `${ps.t === "int" ? "an integer" : "a number"} ${range()}`);
      }
      return;
    case "bool":
      if (typeof v !== "boolean") bad("type", "true or false (written 1 or 0)");
      return;
    case "enum":
    case "b64enum":
      if (!ps.e!.includes(v as string)) bad("enum", `one of ${ps.e!.join(", ")}`);
      return;
    case "hex":
      if (typeof v !== "string" || !/^[0-9A-Fa-f]{6}$/.test(v)) bad("type", "a colour RRGGBB");
      return;
    case "text": {
      if (typeof v !== "string" || /\p{Cs}/u.test(v)) bad("type", "a well-formed Unicode string");
      const n = [...v].length;
      if (n === 0 || n > ps.max!) bad("length", `1 to ${ps.max} characters long`);
      return;
    }
    case "pages":
      if (typeof v !== "string" || !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(v)) {
        bad("type", 'a page selection such as "1,2,4-10"');
      }
      return;
    case "res": {
      const m = typeof v === "string" ? /^(\d+)x(\d+)$/.exec(v) : null;
      if (!m) bad("type", 'a resolution "WxH"');
      for (const side of [Number(m[1]), Number(m[2])]) {
        if (side % 2 || side < ps.min! || side > ps.max!) {
          bad("range", `WxH with even sides from ${ps.min} to ${ps.max}`);
        }
      }
      return;
    }
    case "token":
      if (typeof v !== "string" || !TOKEN.test(v)) bad("type", "a token of [A-Za-z0-9._=-]");
      return;
    case "custom":
      ps.v!(v, check);
  }
}

function show(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** Writes one action: `name,key_value,...`, parameters in the object's own order. @internal */
export function formatOp(category: CategorySpec, action: Op): string {
  const op = action as OpRecord;
  const spec = actionSpec(category, op.action);
  let out = op.action;
  for (const name of Object.keys(op)) {
    const value = op[name];
    if (name === "action" || name === "extra" || value === undefined) continue;
    const ps = spec.p[name]!;
    out += `,${ps.k ? `${ps.k}_` : ""}${formatValue(ps, value)}`;
  }
  for (const [key, value] of Object.entries(op.extra ?? {})) out += `,${key}_${value}`;
  return out;
}

function formatValue(ps: ParamSpec, value: unknown): string {
  switch (ps.t) {
    case "bool":
      return value ? "1" : "0";
    case "text":
    case "b64enum":
    case "pages":
      return encodeBase64Url(value as string);
    case "custom":
      return ps.f!(value);
    default:
      return String(value);
  }
}

/** A copy of `params` with `action` first, without `undefined` values or an empty `extra`. @internal */
export function makeOp<A extends string>(action: A, params: object = {}): { action: A } {
  const op: Record<string, unknown> = { action };
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || name === "action") continue;
    // An empty `extra` writes nothing, and parses back as no `extra`.
    if (name === "extra" && typeof value === "object" && value && !Object.keys(value).length)
      continue;
    op[name] = value;
  }
  return op as { action: A };
}
