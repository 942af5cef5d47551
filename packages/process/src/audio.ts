import {
  AUDIO_FORMATS,
  type AudioFormat,
  type AudioOutputParams,
  audioOutput,
  type ConcatInputParams,
  concat,
  concatInput,
  info,
} from "./media";
import { type CategorySpec, makeOp } from "./spec";
import { Stage } from "./stage";

/** Parameters of `audio/convert` (async). */
export interface AudioConvertParams extends AudioOutputParams {
  /** `f`: the container. */
  format?: AudioFormat;
}

/** Parameters of `audio/concat` (async): the output; the inputs are `pre`/`sur` clauses. */
export interface AudioConcatParams extends AudioOutputParams {
  /** `f`: the container. */
  format?: AudioFormat;
  /** `ac`: channels, 1–8. */
  channels?: number;
  /** `align`: alignment mode, as in the samples (`align_2`). */
  align?: number;
  /** Parameters the reference does not document, by wire key. */
  extra?: Readonly<Record<string, string>>;
}

/** An audio action as data. */
export type AudioOp =
  | ({ action: "convert" } & AudioConvertParams)
  | ({ action: "concat" } & AudioConcatParams)
  | ({ action: "pre" } & ConcatInputParams)
  | ({ action: "sur" } & ConcatInputParams)
  | { action: "info"; extra?: Readonly<Record<string, string>> };

const format = { k: "f", t: "enum", e: AUDIO_FORMATS } as const;

/** The table of audio actions. @internal */
export const audioSpec: CategorySpec = /* @__PURE__ */ (() => ({
  name: "audio",
  actions: {
    convert: { mode: "async" as const, p: { ...audioOutput, format } },
    concat: concat({ ...audioOutput, format }),
    pre: concatInput,
    sur: concatInput,
    info,
  },
}))();

/**
 * A stage of audio actions (`audio/...`). `convert` and `concat` are async and need IMM.
 *
 * @example
 * ```ts
 * audio().convert({ start: 10000, duration: 60000, format: "aac", audioBitrate: 96000 }).toString();
 * // "audio/convert,ss_10000,t_60000,f_aac,ab_96000"
 * ```
 */
export class AudioStage extends Stage<"audio", AudioOp> {
  constructor(ops: readonly AudioOp[] = []) {
    super(audioSpec, ops);
  }

  /** `convert`: transcode (async). */
  convert(params: AudioConvertParams): AudioStage {
    return this.add(makeOp("convert", params) as AudioOp);
  }

  /** `concat`: join objects with the source (async). Follow it with `pre` and/or `sur` clauses. */
  concat(params: AudioConcatParams = {}): AudioStage {
    return this.add(makeOp("concat", params) as AudioOp);
  }

  /** `/pre`: an object to put before the source; follows `concat`. */
  pre(params: ConcatInputParams): AudioStage {
    return this.add(makeOp("pre", params) as AudioOp);
  }

  /** `/sur`: an object to put after the source; follows `concat`. */
  sur(params: ConcatInputParams): AudioStage {
    return this.add(makeOp("sur", params) as AudioOp);
  }

  /** `info`: media information (sync). */
  info(params: { extra?: Readonly<Record<string, string>> } = {}): AudioStage {
    return this.add(makeOp("info", params) as AudioOp);
  }
}

/** Starts an audio stage. */
export function audio(): AudioStage {
  return new AudioStage();
}
