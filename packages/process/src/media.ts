import type { ActionSpec, ParamSpec } from "./spec";

/** Audio sample rates, Hz. */
export type SampleRate =
  | 8000
  | 11025
  | 12000
  | 16000
  | 22050
  | 24000
  | 32000
  | 44100
  | 48000
  | 64000
  | 88200
  | 96000;
/** Audio containers. */
export type AudioFormat = "mp3" | "aac" | "flac" | "oga" | "ac3" | "opus" | "amr";

/** Parameters of the `/pre` and `/sur` clauses of `concat`: another object to put before or after. */
export interface ConcatInputParams {
  /** `o`: the object key (plain text; base64-encoded for you). */
  key: string;
  /** `ss`: start in ms. */
  start?: number;
  /** `t`: duration in ms; 0 = to the end. */
  duration?: number;
}

/** Output parameters shared by the audio parts of `convert` and `concat`. */
export interface AudioOutputParams {
  /** `ss`: start in ms; default 0. */
  start?: number;
  /** `t`: duration in ms; 0 = to the end. */
  duration?: number;
  /** `ar`: sample rate; default the source's. */
  sampleRate?: SampleRate;
  /** `ab`: audio bitrate, bit/s. */
  audioBitrate?: number;
}

/** @internal */
export const AUDIO_FORMATS = ["mp3", "aac", "flac", "oga", "ac3", "opus", "amr"];
/** @internal */
export const int = (k: string, min = 0, max?: number): ParamSpec =>
  max === undefined ? { k, t: "int", min } : { k, t: "int", min, max };
// The tables are built inside pure IIFEs so that a bundler drops them when the category is unused
// (spreads and calls at the top level would otherwise count as side effects).
/** @internal */
export const audioOutput = /* @__PURE__ */ (() => ({
  start: int("ss"),
  duration: int("t"),
  sampleRate: {
    k: "ar",
    t: "enum",
    e: [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000],
  },
  audioBitrate: int("ab", 1),
}))() satisfies Record<string, ParamSpec>;
/** @internal */
export const concatInput: ActionSpec = /* @__PURE__ */ (() => ({
  mode: "async" as const,
  after: ["concat", "pre", "sur"],
  p: { key: { k: "o", t: "text", max: 1023, req: true }, start: int("ss"), duration: int("t") },
}))();
/** @internal */
export const concat = (p: Record<string, ParamSpec>): ActionSpec => ({
  mode: "async",
  open: true,
  needs: ["pre", "sur"],
  p: { ...p, channels: int("ac", 1, 8), align: int("align") },
});
/** @internal */
export const info: ActionSpec = { p: {}, open: true, mode: "sync" };
