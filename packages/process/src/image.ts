import { encodeBase64Url } from "./base64";
import { ProcessSyntaxError } from "./errors";
import {
  type ActionSpec,
  type CategorySpec,
  type Check,
  makeOp,
  type Op,
  type ParamSpec,
  type SourceImage,
  type SourceWarn,
  validateOp,
} from "./spec";
import { Stage } from "./stage";

/** How `resize` fits the target box. */
export type ResizeMode = "lfit" | "mfit" | "fill" | "pad" | "fixed";
/** A nine-grid position. */
export type Gravity = "nw" | "north" | "ne" | "west" | "center" | "east" | "sw" | "south" | "se";
/** An output format of `image/format`. `jpeg` is not one: write `jpg`. */
export type ImageFormat = "jpg" | "png" | "webp" | "bmp" | "gif" | "tiff" | "heic" | "avif";
/** A watermark font. */
export type WatermarkFont =
  | "wqy-zenhei"
  | "wqy-microhei"
  | "fangzhengshusong"
  | "fangzhengkaiti"
  | "fangzhengheiti"
  | "fangzhengfangsong"
  | "droidsansfallback";
/** Strength of a blind watermark. */
export type BlindStrength = "low" | "medium" | "high";

/** Parameters of `image/resize`. Give at least one of `w`, `h`, `long`, `short`, `percent`. */
export interface ResizeParams {
  /** `m`: how to fit `w`×`h`; default `lfit`. */
  mode?: ResizeMode;
  /** `w`: target width, 1–16384 px. */
  w?: number;
  /** `h`: target height, 1–16384 px. */
  h?: number;
  /** `l`: target longest side, 1–16384 px. */
  long?: number;
  /** `s`: target shortest side, 1–16384 px. */
  short?: number;
  /** `limit`: `true` (the default) never enlarges; `false` (`limit_0`) allows enlarging by `w`/`h`. */
  limit?: boolean;
  /** `color`: padding colour `RRGGBB` for mode `pad`; default `FFFFFF`. */
  color?: string;
  /** `p`: scale by percent, 1–1000 (above 100 enlarges, no `limit_0` needed). */
  percent?: number;
  /** `P`: size as a percent of the base image, 1–100. Only in a watermark image's process. */
  percentOfBase?: number;
}

/** Parameters of `image/crop`. */
export interface CropParams {
  /** `w`: width of the crop, px; default the rest of the image. */
  w?: number;
  /** `h`: height of the crop, px; default the rest of the image. */
  h?: number;
  /** `x`: offset from the origin, px. */
  x?: number;
  /** `y`: offset from the origin, px. */
  y?: number;
  /** `g`: the origin; `face` (largest face) and `auto` need IMM. Default `nw`. */
  gravity?: Gravity | "face" | "auto";
  /** `p`: zoom around the face, 1–200 percent. Only with `gravity: "face"`. */
  percent?: number;
}

/** Parameters of `image/indexcrop`: give `x` (vertical strips) or `y` (horizontal strips). */
export interface IndexCropParams {
  /** `x`: width of each vertical strip, px (≥ 1). */
  x?: number;
  /** `y`: height of each horizontal strip, px (≥ 1). Wins over `x`. */
  y?: number;
  /** `i`: which strip, from 0; an index past the last strip returns the source image. */
  index?: number;
}

/** Parameters of `image/circle` and `image/rounded-corners`. */
export interface RadiusParams {
  /** `r`: radius, 1–4096 px. */
  radius: number;
}

/** Parameters of `image/blur`. */
export interface BlurParams {
  /** `r`: radius, 1–50. */
  radius: number;
  /** `s`: standard deviation, 1–50. */
  sigma: number;
  /** `g`: blur only the largest face (`face`) or all faces (`faces`); needs IMM. */
  gravity?: "face" | "faces";
  /** `p`: size of the blurred area, 1–200 percent of the face. Only with `gravity`. */
  percent?: number;
}

/** Parameters of `image/quality`: give `relative` or `absolute`. */
export interface QualityParams {
  /** `q`: quality relative to the source's, 1–100 (JPG; behaves like `absolute` on WebP). */
  relative?: number;
  /** `Q`: absolute quality, 1–100. */
  absolute?: number;
}

/** A watermark image with its own processing (appended to the key as `?x-oss-process=`). */
export interface WatermarkImage {
  /** The object key of the watermark image, in the same bucket. */
  key: string;
  /** Its processing: resize (with `percentOfBase`), crop, indexcrop, circle, rounded-corners, rotate. */
  process: ImageStage;
}

/** Parameters of `image/watermark`: give `image`, `text` or both. */
export interface WatermarkParams {
  /** `t`: opacity, 0–100; default 100. */
  opacity?: number;
  /** `g`: position; default `se`. */
  gravity?: Gravity;
  /** `x`: horizontal margin, 0–4096 px; default 10. */
  x?: number;
  /** `y`: vertical margin, 0–4096 px; default 10. */
  y?: number;
  /** `voffset`: offset from the middle line for `west`/`center`/`east`, −1000–1000 px. */
  voffset?: number;
  /** `fill`: tile the watermark over the image (image tiling needs a quota application). */
  fill?: boolean;
  /** `padx`: horizontal gap between tiles, 0–4096 px (with `fill`). */
  padx?: number;
  /** `pady`: vertical gap between tiles, 0–4096 px (with `fill`). */
  pady?: number;
  /** `image`: the watermark image's object key (plain text; it is base64-encoded for you). */
  image?: string | WatermarkImage;
  /** `text`: the watermark text, up to 64 characters (plain text; base64-encoded for you). */
  text?: string;
  /** `type`: the font; default `wqy-zenhei`. */
  font?: WatermarkFont;
  /** `color`: text colour `RRGGBB` (plain hex, never base64); default `000000`. */
  color?: string;
  /** `size`: font size, 1–1000 px; default 40. */
  size?: number;
  /** `shadow`: text shadow opacity, 0–100; default 0. */
  shadow?: number;
  /** `rotate`: text rotation clockwise, 0–360 degrees. */
  rotate?: number;
  /** `order`: with both image and text, `0` image first, `1` text first. */
  order?: 0 | 1;
  /** `align`: with both image and text, `0` top, `1` middle, `2` bottom. */
  align?: 0 | 1 | 2;
  /** `interval`: with both image and text, the gap between them, 0–1000 px. */
  interval?: number;
}

/** Parameters of `image/blindwatermark` (needs IMM). */
export interface BlindWatermarkParams {
  /** `content`: the text to hide, up to 256 characters (plain text; base64-encoded for you). */
  content: string;
  /** `s`: strength; default `low`. */
  strength?: BlindStrength;
  /** `q`: output quality for JPG input, 70–100; default 90. */
  quality?: number;
}

/** Parameters of `image/deblindwatermark` (async only, needs IMM). */
export interface DeblindWatermarkParams {
  /** `s`: the strength the mark was added with. */
  strength?: BlindStrength;
  /** `t`: what to extract; `text`. */
  type?: "text";
}

/** Parameters of the image-intelligence actions, whose tables the reference does not give. */
export interface OpenParams {
  /** Parameters by wire key, written as they are: `{ k: "v" }` → `k_v`. */
  extra?: Readonly<Record<string, string>>;
}

/** An image action as data. */
export type ImageOp =
  | ({ action: "resize" } & ResizeParams)
  | ({ action: "crop" } & CropParams)
  | ({ action: "indexcrop" } & IndexCropParams)
  | ({ action: "circle" } & RadiusParams)
  | ({ action: "rounded-corners" } & RadiusParams)
  | { action: "rotate"; value: number }
  | { action: "auto-orient"; value: boolean }
  | ({ action: "blur" } & BlurParams)
  | { action: "bright"; value: number }
  | { action: "contrast"; value: number }
  | { action: "sharpen"; value: number }
  | { action: "format"; value: ImageFormat }
  | ({ action: "quality" } & QualityParams)
  | { action: "interlace"; value: boolean }
  | { action: "info" }
  | { action: "average-hue" }
  | ({ action: "watermark" } & WatermarkParams)
  | ({ action: "blindwatermark" } & BlindWatermarkParams)
  | ({ action: "deblindwatermark" } & DeblindWatermarkParams)
  | ({ action: ImageAnalysis } & OpenParams);

/** The IMM-backed analysis actions: each returns JSON, not an image. */
export type ImageAnalysis = "faces" | "bodies" | "cars" | "codes" | "labels" | "score";

const GRAVITY = ["nw", "north", "ne", "west", "center", "east", "sw", "south", "se"];
const FONTS = [
  "wqy-zenhei",
  "wqy-microhei",
  "fangzhengshusong",
  "fangzhengkaiti",
  "fangzhengheiti",
  "fangzhengfangsong",
  "droidsansfallback",
];
const STRENGTH = ["low", "medium", "high"];
/** Actions a watermark image's own process may use. */
const NESTED = ["resize", "crop", "indexcrop", "circle", "rounded-corners", "rotate"];
const SEP = "?x-oss-process=";

const int = (k: string, min: number, max?: number, req?: boolean): ParamSpec =>
  max === undefined
    ? { k, t: "int", min, ...(req && { req }) }
    : { k, t: "int", min, max, ...(req && { req }) };
const side = (k: string): ParamSpec => int(k, 1, 16384);
const value = (p: Omit<ParamSpec, "k">): ActionSpec => ({
  p: { value: { k: "", req: true, ...p } },
  pos: true,
  mode: "sync",
});

function watermarkImage(v: unknown, c: Check): void {
  if (typeof v === "string") {
    if (v.length === 0 || v.length > 1023)
      c.fail("length", "image", "image must be an object key of 1 to 1023 characters");
    if (/\p{Cs}/u.test(v)) c.fail("type", "image", "image must be well-formed Unicode");
    if (v.includes(SEP))
      c.fail("type", "image", "give a processed watermark image as { key, process }");
    return;
  }
  const wm = v as WatermarkImage;
  if (
    typeof wm !== "object" ||
    wm === null ||
    typeof wm.key !== "string" ||
    !(wm.process instanceof ImageStage)
  ) {
    c.fail("type", "image", "image must be an object key or { key, process: image()... }");
  }
  watermarkImage(wm.key, c);
  if (wm.process.ops.length === 0)
    c.fail("required", "image", "the watermark image's process has no action");
  for (const op of wm.process.ops) {
    if (!NESTED.includes(op.action)) {
      c.fail(
        "context",
        "image",
        `a watermark image's process cannot use ${op.action}; only ${NESTED.join(", ")}`,
      );
    }
    try {
      validateOp(imageSpec, op, { nested: true });
    } catch (error) {
      if (!(error instanceof ProcessSyntaxError)) throw error;
      c.fail(error.rule, "image", `in the watermark image's process: ${error.detail}`);
    }
  }
}

const warnUnless = (c: Check, cond: boolean, names: string[], message: string): void => {
  if (!cond) for (const name of names) if (c.has(name)) c.warn(name, message);
};

/** The table of image actions. @internal */
export const imageSpec: CategorySpec = /* @__PURE__ */ (() => {
  const radius: ActionSpec = {
    p: { radius: int("r", 1, 4096, true) },
    mode: "sync",
    src: (op, s, w) => sourceWarnings(op, s, w),
  };
  const analysis: ActionSpec = { p: {}, open: true, mode: "sync" };
  return {
    name: "image",
    actions: {
      resize: {
        mode: "sync",
        p: {
          mode: { k: "m", t: "enum", e: ["lfit", "mfit", "fill", "pad", "fixed"] },
          w: side("w"),
          h: side("h"),
          long: side("l"),
          short: side("s"),
          limit: { k: "limit", t: "bool" },
          color: { k: "color", t: "hex" },
          percent: int("p", 1, 1000),
          percentOfBase: { ...int("P", 1, 100), nested: true },
        },
        src: sourceWarnings,
        check(op, c) {
          const box = c.has("w") || c.has("h");
          if (
            !box &&
            !c.has("long") &&
            !c.has("short") &&
            !c.has("percent") &&
            !c.has("percentOfBase")
          ) {
            c.fail("required", "w", "resize needs w, h, long (l), short (s) or percent (p)");
          }
          warnUnless(c, op.mode === "pad", ["color"], "color only applies to mode pad");
          warnUnless(c, !box, ["percent"], "p is ignored when w or h is given");
          warnUnless(
            c,
            !(box && c.has("mode")),
            ["long", "short"],
            "l and s are ignored when m is given with w or h",
          );
        },
      },
      crop: {
        mode: "sync",
        p: {
          w: int("w", 0),
          h: int("h", 0),
          x: int("x", 0),
          y: int("y", 0),
          gravity: { k: "g", t: "enum", e: [...GRAVITY, "face", "auto"] },
          percent: int("p", 1, 200),
        },
        check(op, c) {
          warnUnless(c, op.gravity === "face", ["percent"], "p only applies with g_face");
          warnUnless(c, op.gravity !== "auto", ["w", "h"], "g_auto ignores w and h");
        },
      },
      indexcrop: {
        mode: "sync",
        p: { x: int("x", 1), y: int("y", 1), index: int("i", 0) },
        src: sourceWarnings,
        check(_op, c) {
          if (!c.has("x") && !c.has("y")) c.fail("required", "x", "indexcrop needs x or y");
          if (c.has("x") && c.has("y")) c.warn("x", "x is ignored when y is given");
        },
      },
      circle: radius,
      "rounded-corners": radius,
      rotate: value({ t: "int", min: 0, max: 360 }),
      "auto-orient": value({ t: "bool" }),
      blur: {
        mode: "sync",
        p: {
          radius: int("r", 1, 50, true),
          sigma: int("s", 1, 50, true),
          gravity: { k: "g", t: "enum", e: ["face", "faces"] },
          percent: int("p", 1, 200),
        },
        check(_op, c) {
          warnUnless(c, c.has("gravity"), ["percent"], "p only applies with g");
        },
      },
      bright: value({ t: "int", min: -100, max: 100 }),
      contrast: value({ t: "int", min: -100, max: 100 }),
      sharpen: value({ t: "int", min: 50, max: 399 }),
      format: value({ t: "enum", e: ["jpg", "png", "webp", "bmp", "gif", "tiff", "heic", "avif"] }),
      quality: {
        mode: "sync",
        p: { relative: int("q", 1, 100), absolute: int("Q", 1, 100) },
        check(_op, c) {
          if (!c.has("relative") && !c.has("absolute"))
            c.fail("required", "relative", "quality needs q or Q");
        },
      },
      interlace: value({ t: "bool" }),
      info: { p: {}, mode: "sync", alone: true },
      "average-hue": { p: {}, mode: "sync", last: true },
      watermark: {
        mode: "sync",
        p: {
          opacity: int("t", 0, 100),
          gravity: { k: "g", t: "enum", e: GRAVITY },
          x: int("x", 0, 4096),
          y: int("y", 0, 4096),
          voffset: int("voffset", -1000, 1000),
          fill: { k: "fill", t: "bool" },
          padx: int("padx", 0, 4096),
          pady: int("pady", 0, 4096),
          image: { k: "image", t: "custom", v: watermarkImage, f: formatWatermarkImage },
          text: { k: "text", t: "text", max: 64 },
          font: { k: "type", t: "b64enum", e: FONTS },
          color: { k: "color", t: "hex" },
          size: int("size", 1, 1000),
          shadow: int("shadow", 0, 100),
          rotate: int("rotate", 0, 360),
          order: { k: "order", t: "enum", e: [0, 1] },
          align: { k: "align", t: "enum", e: [0, 1, 2] },
          interval: int("interval", 0, 1000),
        },
        check(op, c) {
          const image = c.has("image");
          const text = c.has("text");
          if (!image && !text) c.fail("required", "image|text", "a watermark needs image or text");
          warnUnless(c, op.fill === true, ["padx", "pady"], "padx and pady only apply with fill_1");
          warnUnless(
            c,
            image && text,
            ["order", "align", "interval"],
            "order, align and interval only apply with both image and text",
          );
          warnUnless(
            c,
            text,
            ["font", "color", "size", "shadow", "rotate"],
            "text parameters only apply with text",
          );
          warnUnless(
            c,
            op.gravity === "west" || op.gravity === "center" || op.gravity === "east",
            ["voffset"],
            "voffset only applies with g west, center or east",
          );
        },
      },
      blindwatermark: {
        mode: "sync",
        p: {
          content: { k: "content", t: "text", max: 256, req: true },
          strength: { k: "s", t: "enum", e: STRENGTH },
          quality: int("q", 70, 100),
        },
      },
      deblindwatermark: {
        mode: "async",
        noOutput: true,
        p: {
          strength: { k: "s", t: "enum", e: STRENGTH },
          type: { k: "t", t: "enum", e: ["text"] },
        },
      },
      faces: analysis,
      bodies: analysis,
      cars: analysis,
      codes: analysis,
      labels: analysis,
      score: analysis,
    },
  };
})();

function formatWatermarkImage(v: unknown): string {
  const wm = v as string | WatermarkImage;
  return encodeBase64Url(typeof wm === "string" ? wm : `${wm.key}${SEP}${wm.process}`);
}

/**
 * Warnings that need the source image's size: a resize that would enlarge without `limit_0`,
 * an `indexcrop` index past the last strip, a radius larger than the image allows.
 */
function sourceWarnings(o: Op, src: SourceImage, warn: SourceWarn): void {
  const op = o as ImageOp;
  const { width: W, height: H } = src;
  switch (op.action) {
    case "resize": {
      if (op.limit === false) return;
      const r = [
        op.w && op.w / W,
        op.h && op.h / H,
        op.long && op.long / Math.max(W, H),
        op.short && op.short / Math.min(W, H),
      ].filter((x): x is number => !!x);
      if (!r.length) return;
      const scale = (op.mode ?? "lfit") === "lfit" ? Math.min(...r) : Math.max(...r);
      if (scale > 1)
        warn(
          "limit",
          "the target is larger than the source: without limit_0 the source size is returned",
        );
      return;
    }
    case "indexcrop": {
      const strips = op.y ? Math.ceil(H / op.y) : op.x ? Math.ceil(W / op.x) : 1;
      if ((op.index ?? 0) >= strips)
        warn(
          "i",
          `index ${op.index} is past the last of ${strips} strips: the source image is returned`,
        );
      return;
    }
    case "circle":
    case "rounded-corners": {
      const max = op.action === "circle" ? (Math.min(W, H) - 1) / 2 : Math.min(W, H) / 2;
      if (op.radius > max)
        warn("r", `r is larger than the image allows and is reduced to ${Math.floor(max)}`);
    }
  }
}

/**
 * A stage of image actions (`image/...`). Every method appends one action and returns a new stage.
 *
 * @example
 * ```ts
 * image().resize({ w: 300, h: 300 }).format("webp").toString();
 * // "image/resize,w_300,h_300/format,webp"
 * ```
 */
export class ImageStage extends Stage<"image", ImageOp> {
  constructor(ops: readonly ImageOp[] = []) {
    super(imageSpec, ops);
  }

  /**
   * `resize`: scale by a box (`w`/`h` with a `mode`), by the longest/shortest side, or by percent.
   *
   * @example
   * ```ts
   * image().resize({ mode: "fixed", w: 100, h: 100 }).toString(); // "image/resize,m_fixed,w_100,h_100"
   * image().resize({ w: 500, limit: false }).toString(); // "image/resize,w_500,limit_0"
   * ```
   */
  resize(params: ResizeParams): ImageStage {
    return this.add(makeOp("resize", params) as ImageOp);
  }

  /**
   * `crop`: cut a rectangle from an origin (`gravity`) and offset.
   *
   * @example
   * ```ts
   * image().crop({ w: 900, h: 900, gravity: "se" }).toString(); // "image/crop,w_900,h_900,g_se"
   * ```
   */
  crop(params: CropParams): ImageStage {
    return this.add(makeOp("crop", params) as ImageOp);
  }

  /**
   * `indexcrop`: cut the image into strips and keep one.
   *
   * @example
   * ```ts
   * image().indexcrop({ x: 100, index: 0 }).toString(); // "image/indexcrop,x_100,i_0"
   * ```
   */
  indexcrop(params: IndexCropParams): ImageStage {
    return this.add(makeOp("indexcrop", params) as ImageOp);
  }

  /** `circle`: keep a centred circle; PNG output keeps the outside transparent. */
  circle(params: RadiusParams): ImageStage {
    return this.add(makeOp("circle", params) as ImageOp);
  }

  /** `rounded-corners`: round the corners with radius `r`. */
  roundedCorners(params: RadiusParams): ImageStage {
    return this.add(makeOp("rounded-corners", params) as ImageOp);
  }

  /**
   * `rotate`: rotate clockwise by 0–360 degrees.
   *
   * @example
   * ```ts
   * image().rotate(90).toString(); // "image/rotate,90"
   * ```
   */
  rotate(degrees: number): ImageStage {
    return this.add({ action: "rotate", value: degrees });
  }

  /** `auto-orient`: rotate by the EXIF orientation (`true`, written `1`) or keep it (`false`, `0`). */
  autoOrient(enabled = true): ImageStage {
    return this.add({ action: "auto-orient", value: enabled });
  }

  /** `blur`: gaussian blur; with `gravity` only on faces (needs IMM). */
  blur(params: BlurParams): ImageStage {
    return this.add(makeOp("blur", params) as ImageOp);
  }

  /** `bright`: brightness change, −100–100. */
  bright(value: number): ImageStage {
    return this.add({ action: "bright", value });
  }

  /** `contrast`: contrast change, −100–100. */
  contrast(value: number): ImageStage {
    return this.add({ action: "contrast", value });
  }

  /** `sharpen`: 50–399; 100 is recommended. */
  sharpen(value: number): ImageStage {
    return this.add({ action: "sharpen", value });
  }

  /**
   * `format`: the output format. Put it after `resize` and before `watermark`.
   *
   * @example
   * ```ts
   * image().format("jpg").interlace().toString(); // "image/format,jpg/interlace,1"
   * ```
   */
  format(format: ImageFormat): ImageStage {
    return this.add({ action: "format", value: format });
  }

  /** `quality`: JPG/WebP quality, relative (`q`) or absolute (`Q`). */
  quality(params: QualityParams): ImageStage {
    return this.add(makeOp("quality", params) as ImageOp);
  }

  /** `interlace`: progressive (`true`, `1`) or standard (`false`, `0`) JPG. Pair it with `format("jpg")`. */
  interlace(progressive = true): ImageStage {
    return this.add({ action: "interlace", value: progressive });
  }

  /** `info`: the image's size, format and EXIF as JSON. Must be the only action. */
  info(): ImageStage {
    return this.add({ action: "info" });
  }

  /** `average-hue`: the average colour as `0xRRGGBB`. Must be the last action. */
  averageHue(): ImageStage {
    return this.add({ action: "average-hue" });
  }

  /**
   * `watermark`: a text watermark, an image watermark, or both. Texts, fonts and image keys are
   * base64-encoded for you; repeat the call for several watermarks.
   *
   * @example
   * ```ts
   * image().watermark({ text: "Hello World", color: "FFFFFF", size: 30 }).toString();
   * // "image/watermark,text_SGVsbG8gV29ybGQ,color_FFFFFF,size_30"
   * image()
   *   .watermark({ image: { key: "panda.png", process: image().resize({ percentOfBase: 30 }) } })
   *   .toString();
   * // "image/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA"
   * ```
   */
  watermark(params: WatermarkParams): ImageStage {
    return this.add(makeOp("watermark", params) as ImageOp);
  }

  /**
   * `blindwatermark`: hide a text in the image (needs IMM); usually saved with `saveAs`.
   *
   * @example
   * ```ts
   * image().blindwatermark({ content: "阿里云版权所有", strength: "medium" }).toString();
   * // "image/blindwatermark,content_6Zi_6YeM5LqR54mI5p2D5omA5pyJ,s_medium"
   * ```
   */
  blindwatermark(params: BlindWatermarkParams): ImageStage {
    return this.add(makeOp("blindwatermark", params) as ImageOp);
  }

  /** `deblindwatermark`: read a blind watermark back (async only; the text arrives by notify). */
  deblindwatermark(params: DeblindWatermarkParams = {}): ImageStage {
    return this.add(makeOp("deblindwatermark", params) as ImageOp);
  }

  /** An IMM image-analysis action (`faces`, `labels`, …) with its parameters as wire key → value. */
  analyze(action: ImageAnalysis, params: OpenParams = {}): ImageStage {
    return this.add(makeOp(action, params) as ImageOp);
  }
}

/**
 * Starts an image stage.
 *
 * @example
 * ```ts
 * image().resize({ w: 100, mode: "lfit" }).watermark({ text: "Hi" }).toString();
 * // "image/resize,w_100,m_lfit/watermark,text_SGk"
 * ```
 */
export function image(): ImageStage {
  return new ImageStage();
}
