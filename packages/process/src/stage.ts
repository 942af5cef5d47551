import { type CategorySpec, formatOp, type Op, validateOp } from "./spec";

/** The categories whose stages are chains of actions. */
export type ActionCategory = "image" | "doc" | "video" | "audio";

const SPECS = new WeakMap<object, CategorySpec>();

/**
 * One stage of an instruction: a category and the actions chained in it with `/`
 * (`image/resize,w_300/quality,q_90`). Stages are immutable: every builder method returns a new
 * stage, so a stage can be reused as the base of several instructions.
 *
 * The subclasses ({@link ImageStage}, {@link DocStage}, {@link VideoStage}, {@link AudioStage})
 * add one method per action. Build them with {@link image}, {@link doc}, {@link video},
 * {@link audio}.
 */
export abstract class Stage<C extends ActionCategory = ActionCategory, O extends Op = Op> {
  /** The category, written once at the start of the stage. */
  readonly category: C;
  /** The actions, in order. */
  readonly ops: readonly O[];

  /** @internal Stages are made by `image()`, `doc()`, `video()`, `audio()` and `style()`. */
  protected constructor(spec: CategorySpec, ops: readonly O[]) {
    this.category = spec.name as C;
    this.ops = Object.freeze([...ops]);
    SPECS.set(this, spec);
  }

  /**
   * A new stage with `op` appended, after checking its parameters (types, ranges, required ones).
   * Rules that need the whole instruction (order, mode, pipes) are checked by
   * {@link syncProcess}/{@link asyncProcess}.
   */
  protected add(op: O): this {
    validateOp(SPECS.get(this)!, op);
    const Self = this.constructor as new (ops: readonly O[]) => this;
    return new Self([...this.ops, op]);
  }

  /**
   * The stage as written in an instruction, e.g. `image/resize,w_100/format,webp`. On its own it
   * is a complete synchronous `x-oss-process` value.
   */
  toString(): string {
    const spec = SPECS.get(this)!;
    return `${this.category}/${this.ops.map((op) => formatOp(spec, op)).join("/")}`;
  }
}

/** The table of a stage's category. @internal */
export function specOf(stage: Stage): CategorySpec {
  return SPECS.get(stage)!;
}
