/**
 * A typed language for OSS data-processing instructions (`x-oss-process`,
 * `x-oss-async-process`): builders for every documented action, a parser that returns the same
 * typed structure, and validation with precise errors and data-only warnings.
 *
 * @packageDocumentation
 */

export {
  type AudioConcatParams,
  type AudioConvertParams,
  type AudioOp,
  AudioStage,
  audio,
} from "./audio";
export { type DecodedBase64, decodeBase64Url, encodeBase64Url } from "./base64";
export {
  type DocConvertParams,
  type DocEditParams,
  type DocOp,
  type DocPreviewParams,
  type DocSnapshotParams,
  type DocSource,
  DocStage,
  type DocTarget,
  type DocWatermarkParams,
  doc,
} from "./doc";
export {
  type ProcessLocation,
  type ProcessRule,
  ProcessSyntaxError,
  type ProcessSyntaxErrorOptions,
  type ProcessWarning,
} from "./errors";
export {
  type BlindStrength,
  type BlindWatermarkParams,
  type BlurParams,
  type CropParams,
  type DeblindWatermarkParams,
  type Gravity,
  type ImageAnalysis,
  type ImageFormat,
  type ImageOp,
  ImageStage,
  type IndexCropParams,
  image,
  type OpenParams,
  type QualityParams,
  type RadiusParams,
  type ResizeMode,
  type ResizeParams,
  type WatermarkFont,
  type WatermarkImage,
  type WatermarkParams,
} from "./image";
export {
  asyncProcess,
  type NotifyTarget,
  ProcessInstruction,
  type ProcessInstructionInit,
  type ProcessingStage,
  type ProcessKind,
  type SaveAsTarget,
  syncProcess,
  type ValidateOptions,
  type ValidationResult,
} from "./instruction";
export type { AudioFormat, AudioOutputParams, ConcatInputParams, SampleRate } from "./media";
export { type ParseOptions, parse } from "./parse";
export type { Op, SourceImage } from "./spec";
export { type ActionCategory, Stage } from "./stage";
export { StyleStage, style } from "./style";
export {
  type ExtraParams,
  type PixelFormat,
  type VideoAnimationParams,
  type VideoConcatParams,
  type VideoConvertParams,
  type VideoFormat,
  type VideoOp,
  type VideoOutputParams,
  type VideoSnapshotParams,
  type VideoSnapshotsParams,
  type VideoSpriteParams,
  VideoStage,
  video,
} from "./video";
