import { fail } from "./errors";

const NAME = /^[A-Za-z0-9_.-]{1,63}$/;

/**
 * A `style/<name>` stage: apply a style saved on the bucket. The style must be the only processing
 * stage; `sys/saveas` (and, async, `notify`) may follow it.
 */
export class StyleStage {
  /** Always `"style"`. */
  readonly category = "style" as const;
  /** The style's name: 1–63 characters of `[A-Za-z0-9_.-]`. */
  readonly name: string;

  constructor(name: string) {
    if (typeof name !== "string" || !NAME.test(name)) {
      fail(
        "type",
        `a style name is 1 to 63 characters of [A-Za-z0-9_.-], got ${JSON.stringify(name)}`,
        {
          action: "style",
        },
      );
    }
    this.name = name;
  }

  /** `style/<name>`. */
  toString(): string {
    return `style/${this.name}`;
  }
}

/**
 * A stage that applies a bucket style.
 *
 * @example
 * ```ts
 * style("panda_style").toString(); // "style/panda_style"
 * asyncProcess(style("video_hd")).saveAs({ bucket: "my-bucket", key: "dest.mp4" }).toString();
 * // "style/video_hd|sys/saveas,b_bXktYnVja2V0,o_ZGVzdC5tcDQ"
 * ```
 */
export function style(name: string): StyleStage {
  return new StyleStage(name);
}
