import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AudioStage,
  asyncProcess,
  audio,
  type DocStage,
  doc,
  type ImageStage,
  image,
  type ProcessInstruction,
  parse,
  style,
  syncProcess,
  type VideoStage,
  video,
} from "./index";

/** Random builders → string → parse → deep-equal, for every action. */

type Step<S> = (stage: S) => S;
const opt = <T>(arb: fc.Arbitrary<T>) => arb;
const some = <T extends object>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Partial<T>>;
const int = (min: number, max: number) => fc.integer({ min, max });
const text = (max: number) => fc.string({ unit: "binary", minLength: 1, maxLength: max });
const key = fc
  .string({ unit: "binary", minLength: 1, maxLength: 40 })
  .filter((k) => !k.includes("?x-oss-process="));
const hex = fc.stringMatching(/^[0-9A-Fa-f]{6}$/);
const gravity = fc.constantFrom(
  "nw",
  "north",
  "ne",
  "west",
  "center",
  "east",
  "sw",
  "south",
  "se" as const,
);
const token = fc.stringMatching(/^[A-Za-z0-9._=-]{1,8}$/);
const extra = fc.dictionary(fc.stringMatching(/^zz[a-z]{1,4}$/), token, { maxKeys: 2 });

const resize = some({
  mode: fc.constantFrom("lfit", "mfit", "fill", "pad", "fixed" as const),
  w: int(1, 16384),
  h: int(1, 16384),
  long: int(1, 16384),
  short: int(1, 16384),
  limit: fc.boolean(),
  color: hex,
  percent: int(1, 1000),
}).filter((p) => ["w", "h", "long", "short", "percent"].some((k) => k in p));

const nestedSteps: fc.Arbitrary<Step<ImageStage>>[] = [
  fc.record({ percentOfBase: int(1, 100) }).map((p) => (s) => s.resize(p)),
  some({ w: int(0, 4000), h: int(0, 4000), x: int(0, 4000), y: int(0, 4000) }).map(
    (p) => (s) => s.crop(p),
  ),
  fc.record({ x: int(1, 4000), index: int(0, 50) }).map((p) => (s) => s.indexcrop(p)),
  int(1, 4096).map((radius) => (s) => s.circle({ radius })),
  int(1, 4096).map((radius) => (s) => s.roundedCorners({ radius })),
  int(0, 360).map((d) => (s) => s.rotate(d)),
];
const nested = fc
  .array(fc.oneof(...nestedSteps), { minLength: 1, maxLength: 3 })
  .map((steps) => steps.reduce((s, step) => step(s), image()));

const watermark = some({
  opacity: int(0, 100),
  gravity,
  x: int(0, 4096),
  y: int(0, 4096),
  voffset: int(-1000, 1000),
  fill: fc.boolean(),
  padx: int(0, 4096),
  pady: int(0, 4096),
  image: fc.oneof(key, fc.record({ key, process: nested })),
  text: text(64),
  font: fc.constantFrom(
    "wqy-zenhei",
    "wqy-microhei",
    "fangzhengshusong",
    "fangzhengkaiti",
    "fangzhengheiti",
    "fangzhengfangsong",
    "droidsansfallback" as const,
  ),
  color: hex,
  size: int(1, 1000),
  shadow: int(0, 100),
  rotate: int(0, 360),
  order: fc.constantFrom(0, 1 as const),
  align: fc.constantFrom(0, 1, 2 as const),
  interval: int(0, 1000),
}).filter((p) => "image" in p || "text" in p);

const imageSteps: fc.Arbitrary<Step<ImageStage>>[] = [
  resize.map((p) => (s) => s.resize(p)),
  some({
    w: int(0, 30000),
    h: int(0, 30000),
    x: int(0, 30000),
    y: int(0, 30000),
    gravity: fc.constantFrom("se", "face", "auto" as const),
    percent: int(1, 200),
  }).map((p) => (s) => s.crop(p)),
  some({ x: int(1, 30000), y: int(1, 30000), index: int(0, 1000) })
    .filter((p) => "x" in p || "y" in p)
    .map((p) => (s) => s.indexcrop(p)),
  int(1, 4096).map((radius) => (s) => s.circle({ radius })),
  int(1, 4096).map((radius) => (s) => s.roundedCorners({ radius })),
  int(0, 360).map((d) => (s) => s.rotate(d)),
  fc.boolean().map((b) => (s) => s.autoOrient(b)),
  fc
    .record(
      {
        radius: int(1, 50),
        sigma: int(1, 50),
        gravity: opt(fc.constantFrom("face", "faces" as const)),
        percent: int(1, 200),
      },
      { requiredKeys: ["radius", "sigma"] },
    )
    .map((p) => (s) => s.blur(p)),
  int(-100, 100).map((v) => (s) => s.bright(v)),
  int(-100, 100).map((v) => (s) => s.contrast(v)),
  int(50, 399).map((v) => (s) => s.sharpen(v)),
  fc
    .constantFrom("jpg", "png", "webp", "bmp", "gif", "tiff", "heic", "avif" as const)
    .map((f) => (s) => s.format(f)),
  some({ relative: int(1, 100), absolute: int(1, 100) })
    .filter((p) => Object.keys(p).length > 0)
    .map((p) => (s) => s.quality(p)),
  fc.boolean().map((b) => (s) => s.interlace(b)),
  watermark.map((p) => (s) => s.watermark(p)),
  fc
    .record(
      {
        content: text(256),
        strength: fc.constantFrom("low", "medium", "high" as const),
        quality: int(70, 100),
      },
      { requiredKeys: ["content"] },
    )
    .map((p) => (s) => s.blindwatermark(p)),
  fc
    .record({
      action: fc.constantFrom("faces", "bodies", "cars", "codes", "labels", "score" as const),
      extra,
    })
    .map((p) => (s) => s.analyze(p.action, { extra: p.extra })),
];

const imageStage = fc
  .tuple(fc.array(fc.oneof(...imageSteps), { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([steps, hue]) => {
    const stage = steps.reduce((s, step) => step(s), image());
    return hue ? stage.averageHue() : stage;
  });

const saveAs = fc.record({ key: text(200), bucket: text(63) }, { requiredKeys: ["key"] });
const notify = fc.record({ topic: text(100) });
const sampleRate = fc.constantFrom(
  8000,
  11025,
  12000,
  16000,
  22050,
  24000,
  32000,
  44100,
  48000,
  64000,
  88200,
  96000 as const,
);
const even = int(32, 2048).map((n) => n * 2);
const audioOut = {
  start: int(0, 1e6),
  duration: int(0, 1e6),
  sampleRate,
  audioBitrate: int(1, 1e6),
};
const concatInput = fc.record(
  { key: text(100), start: int(0, 1e5), duration: int(0, 1e5) },
  { requiredKeys: ["key"] },
);
const clauses = <S extends VideoStage | AudioStage>(
  stage: S,
  inputs: [boolean, { key: string }][],
): S => inputs.reduce((s, [pre, p]) => (pre ? s.pre(p) : s.sur(p)) as S, stage);

const sync: fc.Arbitrary<ProcessInstruction> = fc.oneof(
  fc
    .tuple(
      fc.array(imageStage, { minLength: 1, maxLength: 5 }),
      fc.option(saveAs, { nil: undefined }),
    )
    .map(([stages, target]) => {
      const last = stages.findIndex((s) => s.ops.some((o) => o.action === "average-hue"));
      const kept = last < 0 ? stages : stages.slice(0, last + 1);
      const instruction = syncProcess(...kept);
      return target ? instruction.saveAs(target) : instruction;
    }),
  fc.constant(syncProcess(image().info())),
  fc.stringMatching(/^[A-Za-z0-9_.-]{1,63}$/).map((name) => syncProcess(style(name))),
  some({
    target: fc.constantFrom("jpg", "png" as const),
    source: fc.constantFrom("docx", "pptx", "xlsx", "pdf" as const),
    page: int(1, 2000),
  }).map((p) => syncProcess(doc().snapshot(p))),
  fc
    .tuple(
      some({ export: fc.boolean(), print: fc.boolean(), copy: fc.boolean() }),
      fc.option(
        some({
          size: int(1, 1000),
          opacity: int(0, 100),
          color: hex,
          rotate: int(0, 360),
          font: text(20),
        }),
        { nil: undefined },
      ),
      text(64),
    )
    .map(([p, w, t]) => {
      const stage: DocStage = doc().preview(p);
      return syncProcess(w ? stage.watermark({ text: t, ...w }) : stage);
    }),
  some({
    time: int(0, 1e7),
    w: int(0, 4000),
    h: int(0, 4000),
    mode: fc.constant("fast" as const),
    format: fc.constantFrom("jpg", "png" as const),
    autoRotate: fc.constant("auto" as const),
  }).map((p) => syncProcess(video().snapshot(p))),
  extra.map((e) => syncProcess(video().info({ extra: e }))),
  extra.map((e) => syncProcess(audio().info({ extra: e }))),
);

const videoOut = {
  ...audioOut,
  format: fc.constantFrom(
    "mp4",
    "mkv",
    "mov",
    "asf",
    "avi",
    "mxf",
    "ts",
    "flv",
    "mp3",
    "aac" as const,
  ),
  videoCodec: fc.constantFrom("h264", "h265" as const),
  fps: int(0, 24000).map((n) => n / 100),
  videoBitrate: int(1, 1e8),
  audioCodec: token,
  extra,
};

const asyncStage: fc.Arbitrary<DocStage | VideoStage | AudioStage | ReturnType<typeof style>> =
  fc.oneof(
    some({
      source: fc.constantFrom("docx", "pptx", "xlsx", "pdf" as const),
      pages: fc.stringMatching(
        /^[1-9]\d{0,2}(-[1-9]\d{0,2})?(,[1-9]\d{0,2}(-[1-9]\d{0,2})?){0,3}$/,
      ),
    }).chain((p) =>
      fc
        .constantFrom("pdf", "png", "jpg" as const)
        .map((target) => doc().convert({ target, ...p })),
    ),
    some({
      ...videoOut,
      disableVideo: fc.boolean(),
      fpsMode: fc.constantFrom(0, 1, 2 as const),
      pixelFormat: fc.constantFrom("yuv420p", "yuv444p10le" as const),
      resolution: fc.tuple(even, even).map(([w, h]) => `${w}x${h}` as const),
      disableSubtitles: fc.boolean(),
    }).map((p) => video().convert(p)),
    some({
      start: int(0, 1e6),
      mode: fc.constantFrom("inter", "key", "avg", "dhash" as const),
      threshold: int(0, 100),
      count: int(0, 100),
      interval: int(0, 1e5),
      tileWidth: int(32, 4096),
      tileHeight: int(32, 4096),
      tileWidthPercent: int(1, 200),
      tileHeightPercent: int(1, 200),
      columns: int(1, 100),
      rows: int(1, 100),
      padding: int(0, 100),
      margin: int(0, 100),
    }).chain((p) =>
      fc.constantFrom("jpg", "png" as const).map((format) => video().sprite({ format, ...p })),
    ),
    some({
      format: fc.constantFrom("jpg", "png" as const),
      w: int(0, 4000),
      h: int(0, 4000),
      scaleType: token,
      interval: int(0, 1e5),
      extra,
    }).map((p) => video().snapshots(p)),
    some({
      format: fc.constantFrom("gif", "webp" as const),
      w: int(0, 4000),
      h: int(0, 4000),
      interval: int(0, 1e5),
      extra,
    }).map((p) => video().animation(p)),
    fc
      .tuple(
        some({ ...videoOut, channels: int(1, 8), align: int(0, 3) }),
        fc.array(fc.tuple(fc.boolean(), concatInput), { minLength: 1, maxLength: 3 }),
      )
      .map(([p, inputs]) => clauses(video().concat(p), inputs)),
    some({
      ...audioOut,
      format: fc.constantFrom("mp3", "aac", "flac", "oga", "ac3", "opus", "amr" as const),
    }).map((p) => audio().convert(p)),
    fc
      .tuple(
        some({
          ...audioOut,
          format: fc.constantFrom("mp3", "aac" as const),
          channels: int(1, 8),
          align: int(0, 3),
          extra,
        }),
        fc.array(fc.tuple(fc.boolean(), concatInput), { minLength: 1, maxLength: 3 }),
      )
      .map(([p, inputs]) => clauses(audio().concat(p), inputs)),
    fc.stringMatching(/^[A-Za-z0-9_.-]{1,63}$/).map((name) => style(name)),
  );

const asynchronous: fc.Arbitrary<ProcessInstruction> = fc.oneof(
  fc
    .tuple(asyncStage, saveAs, fc.option(notify, { nil: undefined }))
    .map(([stage, target, topic]) => {
      const instruction = asyncProcess(stage).saveAs(target);
      return topic ? instruction.notify(topic) : instruction;
    }),
  fc
    .tuple(
      some({
        strength: fc.constantFrom("low", "medium", "high" as const),
        type: fc.constant("text" as const),
      }),
      notify,
    )
    .map(([p, topic]) => asyncProcess(image().deblindwatermark(p)).notify(topic)),
);

describe("property: build → toString → parse", () => {
  it.each([
    ["sync", sync],
    ["async", asynchronous],
  ] as const)("%s instructions round-trip", (_, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (built) => {
        const s = built.toString();
        expect(s).toMatch(/^[A-Za-z0-9._,/|=-]+$/);
        const parsed = parse(s, { kind: built.kind });
        expect(parsed).toEqual(built);
        expect(parsed.toString()).toBe(s);
      }),
      { numRuns: 400 },
    );
  });
});
