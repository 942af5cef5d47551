import {
  AUDIO_FORMATS,
  type AudioFormat,
  type AudioOutputParams,
  audioOutput,
  type ConcatInputParams,
  concat,
  concatInput,
  info,
  int,
} from "./media";
import { type CategorySpec, makeOp } from "./spec";
import { Stage } from "./stage";

/** Video containers of `video/convert` (audio containers extract the audio). */
export type VideoFormat = "mp4" | "mkv" | "mov" | "asf" | "avi" | "mxf" | "ts" | "flv";
/** Pixel formats of `video/convert`. */
export type PixelFormat =
  | "yuv420p"
  | "yuv420p10le"
  | "yuv422p"
  | "yuv422p10le"
  | "yuv444p"
  | "yuv444p10le";

/** Parameters the reference does not document, by wire key (written as they are). */
export interface ExtraParams {
  extra?: Readonly<Record<string, string>>;
}

/** Parameters of `video/snapshot` (sync): one frame as an image. H.264 and H.265 only. */
export interface VideoSnapshotParams {
  /** `t`: time in ms; past the end gives the last frame. */
  time?: number;
  /** `w`: width in px; 0 = from the aspect ratio. */
  w?: number;
  /** `h`: height in px; 0 = from the aspect ratio. */
  h?: number;
  /** `m`: `fast` takes the nearest preceding keyframe; omit for the exact frame. */
  mode?: "fast";
  /** `f`: the image format. */
  format?: "jpg" | "png";
  /** `ar`: `auto` rotates by the video's rotation metadata. */
  autoRotate?: "auto";
}

/** Video output parameters shared by `convert` and `concat`. */
export interface VideoOutputParams extends AudioOutputParams, ExtraParams {
  /** `f`: the container. */
  format?: VideoFormat | AudioFormat;
  /** `vcodec`: the video codec. */
  videoCodec?: "h264" | "h265";
  /** `fps`: frame rate, 0–240. */
  fps?: number;
  /** `vb`: video bitrate, bit/s. */
  videoBitrate?: number;
  /** `acodec`: the audio codec, e.g. `aac`. */
  audioCodec?: string;
}

/** Parameters of `video/convert` (async). The reference's table is partial: use `extra` for more. */
export interface VideoConvertParams extends VideoOutputParams {
  /** `vn`: drop the video stream. */
  disableVideo?: boolean;
  /** `fpsopt`: 0 always the target rate; 1 the source's when lower; 2 fail when the source's is lower. */
  fpsMode?: 0 | 1 | 2;
  /** `pixfmt`: the pixel format. */
  pixelFormat?: PixelFormat;
  /** `s`: the resolution `WxH`, each side even, 64–4096. */
  resolution?: `${number}x${number}`;
  /** `sn`: drop subtitles. */
  disableSubtitles?: boolean;
}

/** Parameters of `video/concat` (async): the output; the inputs are `pre`/`sur` clauses. */
export interface VideoConcatParams extends VideoOutputParams {
  /** `ac`: audio channels, 1–8. */
  channels?: number;
  /** `align`: alignment mode, as in the samples (`align_1`). */
  align?: number;
}

/** Parameters of `video/sprite` (async): a sprite sheet of frames. */
export interface VideoSpriteParams {
  /** `f`: the image format (sprite ≤ 16384×16384 px). */
  format: "jpg" | "png";
  /** `ss`: start in ms. */
  start?: number;
  /** `m`: how frames are picked; default `inter`. */
  mode?: "inter" | "key" | "avg" | "dhash";
  /** `thr`: dhash threshold, 0–100. */
  threshold?: number;
  /** `num`: number of frames; 0 = unlimited. */
  count?: number;
  /** `inter`: frame interval in ms; 0 = every frame. */
  interval?: number;
  /** `sw`: tile width, 32–4096 px. */
  tileWidth?: number;
  /** `sh`: tile height, 32–4096 px. */
  tileHeight?: number;
  /** `psw`: tile width in percent of the source, 1–200 (ignored with `tileWidth`). */
  tileWidthPercent?: number;
  /** `psh`: tile height in percent of the source, 1–200 (ignored with `tileHeight`). */
  tileHeightPercent?: number;
  /** `tw`: tiles per row. */
  columns?: number;
  /** `th`: tiles per column. */
  rows?: number;
  /** `pad`: padding between tiles, px. */
  padding?: number;
  /** `margin`: margin around the sheet, px. */
  margin?: number;
}

/** Parameters of `video/snapshots` (async): frames as images. The table is partial. */
export interface VideoSnapshotsParams extends ExtraParams {
  /** `f`: the image format. */
  format?: "jpg" | "png";
  /** `w`: width, px. */
  w?: number;
  /** `h`: height, px. */
  h?: number;
  /** `scaletype`: how to fit `w`×`h`, e.g. `crop`. */
  scaleType?: string;
  /** `inter`: interval between frames, ms. */
  interval?: number;
}

/** Parameters of `video/animation` (async): an animated GIF or WebP. The table is partial. */
export interface VideoAnimationParams extends ExtraParams {
  /** `f`: the animation format. */
  format?: "gif" | "webp";
  /** `w`: width, px. */
  w?: number;
  /** `h`: height, px. */
  h?: number;
  /** `inter`: interval between frames, ms. */
  interval?: number;
}

/** A video action as data. */
export type VideoOp =
  | ({ action: "snapshot" } & VideoSnapshotParams)
  | ({ action: "info" } & ExtraParams)
  | ({ action: "convert" } & VideoConvertParams)
  | ({ action: "sprite" } & VideoSpriteParams)
  | ({ action: "snapshots" } & VideoSnapshotsParams)
  | ({ action: "animation" } & VideoAnimationParams)
  | ({ action: "concat" } & VideoConcatParams)
  | ({ action: "pre" } & ConcatInputParams)
  | ({ action: "sur" } & ConcatInputParams);

const VIDEO_FORMATS = ["mp4", "mkv", "mov", "asf", "avi", "mxf", "ts", "flv"];
const IMAGE = { k: "f", t: "enum", e: ["jpg", "png"] } as const;

/** The table of video actions. @internal */
export const videoSpec: CategorySpec = /* @__PURE__ */ (() => {
  const videoOutput = {
    ...audioOutput,
    format: { k: "f", t: "enum", e: [...VIDEO_FORMATS, ...AUDIO_FORMATS] },
    videoCodec: { k: "vcodec", t: "enum", e: ["h264", "h265"] },
    fps: { k: "fps", t: "num", min: 0, max: 240 },
    videoBitrate: int("vb", 1),
    audioCodec: { k: "acodec", t: "token" },
  } as const;
  return {
    name: "video",
    actions: {
      snapshot: {
        mode: "sync",
        p: {
          time: int("t"),
          w: int("w"),
          h: int("h"),
          mode: { k: "m", t: "enum", e: ["fast"] },
          format: IMAGE,
          autoRotate: { k: "ar", t: "enum", e: ["auto"] },
        },
      },
      info,
      convert: {
        mode: "async",
        open: true,
        p: {
          ...videoOutput,
          disableVideo: { k: "vn", t: "bool" },
          fpsMode: { k: "fpsopt", t: "enum", e: [0, 1, 2] },
          pixelFormat: {
            k: "pixfmt",
            t: "enum",
            e: ["yuv420p", "yuv420p10le", "yuv422p", "yuv422p10le", "yuv444p", "yuv444p10le"],
          },
          resolution: { k: "s", t: "res", min: 64, max: 4096 },
          disableSubtitles: { k: "sn", t: "bool" },
        },
      },
      sprite: {
        mode: "async",
        p: {
          format: { ...IMAGE, req: true },
          start: int("ss"),
          mode: { k: "m", t: "enum", e: ["inter", "key", "avg", "dhash"] },
          threshold: int("thr", 0, 100),
          count: int("num"),
          interval: int("inter"),
          tileWidth: int("sw", 32, 4096),
          tileHeight: int("sh", 32, 4096),
          tileWidthPercent: int("psw", 1, 200),
          tileHeightPercent: int("psh", 1, 200),
          columns: int("tw", 1),
          rows: int("th", 1),
          padding: int("pad"),
          margin: int("margin"),
        },
        check(_op, c) {
          if (c.has("tileWidth") && c.has("tileWidthPercent"))
            c.warn("tileWidthPercent", "psw is ignored when sw is given");
          if (c.has("tileHeight") && c.has("tileHeightPercent"))
            c.warn("tileHeightPercent", "psh is ignored when sh is given");
        },
      },
      snapshots: {
        mode: "async",
        open: true,
        p: {
          format: IMAGE,
          w: int("w"),
          h: int("h"),
          scaleType: { k: "scaletype", t: "token" },
          interval: int("inter"),
        },
      },
      animation: {
        mode: "async",
        open: true,
        p: {
          format: { k: "f", t: "enum", e: ["gif", "webp"] },
          w: int("w"),
          h: int("h"),
          interval: int("inter"),
        },
      },
      concat: concat(videoOutput),
      pre: concatInput,
      sur: concatInput,
    },
  };
})();

/**
 * A stage of video actions (`video/...`). All but `snapshot` and `info` are async and need IMM.
 *
 * @example
 * ```ts
 * video().snapshot({ time: 7000, format: "jpg", w: 800, h: 600, mode: "fast" }).toString();
 * // "video/snapshot,t_7000,f_jpg,w_800,h_600,m_fast"
 * ```
 */
export class VideoStage extends Stage<"video", VideoOp> {
  constructor(ops: readonly VideoOp[] = []) {
    super(videoSpec, ops);
  }

  /** `snapshot`: one frame as an image (sync). */
  snapshot(params: VideoSnapshotParams = {}): VideoStage {
    return this.add(makeOp("snapshot", params) as VideoOp);
  }

  /** `info`: media information (sync). */
  info(params: ExtraParams = {}): VideoStage {
    return this.add(makeOp("info", params) as VideoOp);
  }

  /**
   * `convert`: transcode (async).
   *
   * @example
   * ```ts
   * video().convert({ format: "mp4", videoCodec: "h264", resolution: "1280x720" }).toString();
   * // "video/convert,f_mp4,vcodec_h264,s_1280x720"
   * ```
   */
  convert(params: VideoConvertParams): VideoStage {
    return this.add(makeOp("convert", params) as VideoOp);
  }

  /** `sprite`: a sprite sheet of frames (async). */
  sprite(params: VideoSpriteParams): VideoStage {
    return this.add(makeOp("sprite", params) as VideoOp);
  }

  /** `snapshots`: many frames as images (async); name them with `saveAs` variables. */
  snapshots(params: VideoSnapshotsParams = {}): VideoStage {
    return this.add(makeOp("snapshots", params) as VideoOp);
  }

  /** `animation`: an animated GIF or WebP (async). */
  animation(params: VideoAnimationParams = {}): VideoStage {
    return this.add(makeOp("animation", params) as VideoOp);
  }

  /**
   * `concat`: join objects with the source (async). Follow it with `pre` and/or `sur` clauses.
   *
   * @example
   * ```ts
   * video().concat({ format: "mp4" }).pre({ key: "intro.mp4" }).sur({ key: "outro.mp4", duration: 0 }).toString();
   * // "video/concat,f_mp4/pre,o_aW50cm8ubXA0/sur,o_b3V0cm8ubXA0,t_0"
   * ```
   */
  concat(params: VideoConcatParams = {}): VideoStage {
    return this.add(makeOp("concat", params) as VideoOp);
  }

  /** `/pre`: an object to put before the source; follows `concat`. */
  pre(params: ConcatInputParams): VideoStage {
    return this.add(makeOp("pre", params) as VideoOp);
  }

  /** `/sur`: an object to put after the source; follows `concat`. */
  sur(params: ConcatInputParams): VideoStage {
    return this.add(makeOp("sur", params) as VideoOp);
  }
}

/** Starts a video stage. */
export function video(): VideoStage {
  return new VideoStage();
}
