import { describe, expect, it } from "vitest";
import {
  asyncProcess,
  audio,
  doc,
  ImageStage,
  image,
  ProcessInstruction,
  type ProcessRule,
  ProcessSyntaxError,
  parse,
  style,
  syncProcess,
  video,
} from "./index";

function rejects(
  run: () => unknown,
  expected: Partial<ProcessSyntaxError> & { rule: ProcessRule },
): ProcessSyntaxError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ProcessSyntaxError);
    expect(error).toMatchObject(expected);
    return error as ProcessSyntaxError;
  }
  throw new Error("expected a ProcessSyntaxError");
}

describe("builders check parameters at once", () => {
  it("out of range, wrong type, enum", () => {
    rejects(() => image().resize({ w: 20000 }), {
      rule: "range",
      action: "resize",
      parameter: "w",
      stage: undefined,
    });
    rejects(() => image().resize({ w: 1.5 }), { rule: "type", parameter: "w" });
    rejects(() => image().resize({ w: "100" as never }), { rule: "type", parameter: "w" });
    rejects(() => image().resize({ w: 10, mode: "abc" as never }), {
      rule: "enum",
      parameter: "m",
    });
    rejects(() => image().bright(101), { rule: "range", action: "bright", parameter: undefined });
    rejects(() => image().format("jpeg" as never), { rule: "enum", action: "format" });
    rejects(() => image().autoOrient(1 as never), { rule: "type", action: "auto-orient" });
    rejects(() => image().watermark({ text: "x".repeat(65) }), {
      rule: "length",
      parameter: "text",
    });
    rejects(() => image().watermark({ text: "\ud800" }), { rule: "type", parameter: "text" });
    rejects(() => image().watermark({ text: "a", color: "#FFFFFF" }), {
      rule: "type",
      parameter: "color",
    });
    rejects(() => image().blindwatermark({ content: "x".repeat(257) }), {
      rule: "length",
      parameter: "content",
    });
    rejects(() => video().convert({ resolution: "1921x1080" }), { rule: "range", parameter: "s" });
    rejects(() => video().convert({ resolution: "big" as never }), {
      rule: "type",
      parameter: "s",
    });
    rejects(() => doc().convert({ target: "pdf", pages: "1;2" }), {
      rule: "type",
      parameter: "pages",
    });
    rejects(() => doc().convert({ target: "txt", source: "xlsx" }), {
      rule: "context",
      parameter: "target",
    });
    rejects(() => audio().convert({ sampleRate: 44000 as never }), {
      rule: "enum",
      parameter: "ar",
    });
  });

  it("unknown and missing parameters", () => {
    rejects(() => image().resize({ width: 100 } as never), {
      rule: "unknown-parameter",
      parameter: "width",
    });
    rejects(() => image().resize({}), { rule: "required", action: "resize" });
    rejects(() => image().blur({ radius: 10 } as never), { rule: "required", parameter: "s" });
    rejects(() => image().quality({}), { rule: "required", action: "quality" });
    rejects(() => image().indexcrop({ index: 1 }), { rule: "required", action: "indexcrop" });
    rejects(() => image().watermark({ opacity: 90 }), {
      rule: "required",
      parameter: "image|text",
    });
    rejects(() => video().sprite({} as never), { rule: "required", parameter: "f" });
    rejects(() => image().resize({ w: 1, extra: { a: "1" } } as never), {
      rule: "unknown-parameter",
      parameter: "extra",
    });
    rejects(() => video().convert({ extra: { vb: "1" } }), {
      rule: "duplicate-parameter",
      parameter: "vb",
    });
    rejects(() => video().convert({ extra: { crf: "a b" } }), { rule: "type", parameter: "crf" });
  });

  it("watermark images: key, nested process", () => {
    rejects(() => image().watermark({ image: "" }), { rule: "length", parameter: "image" });
    rejects(() => image().watermark({ image: "a.png?x-oss-process=image/resize,P_30" }), {
      rule: "type",
      parameter: "image",
    });
    rejects(() => image().watermark({ image: { key: "a.png", process: image() } }), {
      rule: "required",
      parameter: "image",
    });
    rejects(() => image().watermark({ image: { key: "a.png", process: image().format("png") } }), {
      rule: "context",
      parameter: "image",
    });
    rejects(
      () =>
        image().watermark({
          image: {
            key: "a.png",
            process: new ImageStage([{ action: "resize", percentOfBase: 101 }]),
          },
        }),
      {
        rule: "range",
        parameter: "image",
      },
    );
    rejects(
      () => image().watermark({ image: { key: "a.png", process: "image/resize,P_30" as never } }),
      {
        rule: "type",
        parameter: "image",
      },
    );
  });
});

describe("instructions check the whole chain", () => {
  it("a nested process's own builder checks its parameters", () => {
    rejects(() => image().resize({ percentOfBase: 101 }), { rule: "range", parameter: "P" });
  });

  it("upper-case P only inside a watermark image's process", () => {
    rejects(() => syncProcess(image().resize({ percentOfBase: 30 })), {
      rule: "context",
      stage: 0,
      parameter: "P",
    });
  });

  it("info alone, average-hue last", () => {
    rejects(() => syncProcess(image().resize({ w: 1 }).info()), { rule: "chain", action: "info" });
    rejects(() => syncProcess(image().info(), image().format("png")), {
      rule: "chain",
      action: "info",
    });
    rejects(() => syncProcess(image().averageHue().format("png")), {
      rule: "chain",
      action: "average-hue",
    });
    rejects(() => syncProcess(image().averageHue(), image().format("png")), {
      rule: "chain",
      action: "average-hue",
    });
  });

  it("sub-clauses follow their action", () => {
    rejects(() => asyncProcess(video().pre({ key: "a.mp4" })), { rule: "chain", action: "pre" });
    rejects(() => asyncProcess(video().concat({ format: "mp4" })), {
      rule: "chain",
      action: "concat",
    });
    rejects(() => syncProcess(doc().watermark({ text: "x" })), {
      rule: "chain",
      action: "watermark",
    });
  });

  it("sync-only and async-only actions", () => {
    rejects(() => syncProcess(video().convert({ format: "mp4" })), {
      rule: "mode",
      stage: 0,
      action: "convert",
    });
    rejects(() => syncProcess(audio().convert({ format: "mp3" })), {
      rule: "mode",
      action: "convert",
    });
    rejects(() => syncProcess(image().deblindwatermark()), {
      rule: "mode",
      action: "deblindwatermark",
    });
    rejects(() => asyncProcess(image().resize({ w: 1 })), { rule: "mode", action: "resize" });
    rejects(() => asyncProcess(video().snapshot({ time: 1 })), {
      rule: "mode",
      action: "snapshot",
    });
    rejects(() => asyncProcess(doc().snapshot()), { rule: "mode", action: "snapshot" });
  });

  it("doc/convert in sync: a warning, or an error when strict", () => {
    const lenient = syncProcess(
      doc().convert({ target: "jpg", source: "docx" }).snapshot({ target: "jpg", page: 2 }),
    );
    expect(lenient.warnings).toMatchObject([{ rule: "mode", stage: 0, action: "convert" }]);
    rejects(() => lenient.validate({ strict: true }), { rule: "mode", action: "convert" });
    rejects(() => parse("doc/convert,target_jpg", { strict: true }), { rule: "mode", position: 4 });
  });

  it("pipes: only image stages in sync, one stage in async, doc/preview never, at most 5", () => {
    rejects(() => syncProcess(image().resize({ w: 1 }), video().snapshot()), {
      rule: "chain",
      stage: 1,
    });
    rejects(() => asyncProcess(doc().preview()), { rule: "mode" });
    rejects(() => syncProcess(doc().edit()).saveAs({ key: "a" }), {
      rule: "chain",
      action: "edit",
    });
    const six = Array.from({ length: 6 }, (_, i) => image().resize({ w: 100 - i }));
    expect(
      syncProcess(...six)
        .toString()
        .split("|"),
    ).toHaveLength(6);
    rejects(() => syncProcess(...six).saveAs({ key: "a.jpg" }), { rule: "pipe-limit", stage: 6 });
    rejects(() => syncProcess(...six, image().format("png")), { rule: "pipe-limit" });
    expect(
      new ProcessInstruction(
        { kind: "sync", stages: [...six, image()].slice(0, 6) },
        { maxPipes: 5 },
      ).stages,
    ).toHaveLength(6);
    rejects(() => new ProcessInstruction({ kind: "sync", stages: six }, { maxPipes: 4 }), {
      rule: "pipe-limit",
      stage: 5,
    });
    rejects(() => parse("image/resize,w_1|image/resize,w_2", { maxPipes: 0 }), {
      rule: "pipe-limit",
      position: 17,
    });
  });

  it("styles stand alone", () => {
    rejects(() => syncProcess(style("small"), image().format("png")), { rule: "chain", stage: 0 });
    rejects(() => style("bad name"), { rule: "type", action: "style" });
    rejects(() => style("x".repeat(64)), { rule: "type" });
  });

  it("saveAs: POST only, last, key required", () => {
    const saved = syncProcess(image().resize({ w: 100 })).saveAs({ key: "test.jpg" });
    expect(saved.method).toBe("POST");
    expect(saved.parameter).toBe("x-oss-process");
    expect(syncProcess(image().resize({ w: 100 })).method).toBe("GET");
    rejects(() => saved.validate({ method: "GET" }), {
      rule: "saveas-method",
      stage: 1,
      action: "saveas",
    });
    rejects(() => syncProcess(image().resize({ w: 1 })).saveAs({ bucket: "b" } as never), {
      rule: "required",
      parameter: "o",
    });
    rejects(
      () => syncProcess(image().resize({ w: 1 })).saveAs({ key: "a", object: "b" } as never),
      {
        rule: "unknown-parameter",
      },
    );
    expect(saved.saveAs({ key: "other.jpg" }).toString()).toBe(
      "image/resize,w_100|sys/saveas,o_b3RoZXIuanBn",
    );
  });

  it("notify: async only, after saveAs or alone when nothing is produced", () => {
    rejects(() => syncProcess(image().resize({ w: 1 })).notify({ topic: "t" }), {
      rule: "notify",
      stage: 1,
    });
    const pending = asyncProcess(video().convert({ format: "mp4" })).notify({ topic: "t" });
    rejects(() => pending.toString(), { rule: "saveas-required", stage: 0, action: "convert" });
    rejects(() => pending.validate(), { rule: "saveas-required" });
    expect(pending.saveAs({ key: "a.mp4" }).toString()).toBe(
      "video/convert,f_mp4|sys/saveas,o_YS5tcDQ/notify,topic_dA",
    );
    const async = asyncProcess(video().convert({ format: "mp4" }), { saveAs: { key: "a.mp4" } });
    expect(async.parameter).toBe("x-oss-async-process");
    expect(async.method).toBe("POST");
    rejects(() => asyncProcess(style("s")).toString(), { rule: "saveas-required" });
    rejects(() => asyncProcess(image().deblindwatermark()).notify({ topic: "" }), {
      rule: "length",
      parameter: "topic",
    });
  });

  it("rejects malformed instructions made by hand", () => {
    rejects(() => new ProcessInstruction({ kind: "sync", stages: [] }), { rule: "chain" });
    rejects(() => new ProcessInstruction({ kind: "later" as never, stages: [image()] }), {
      rule: "syntax",
    });
    rejects(() => new ProcessInstruction({ kind: "sync", stages: [image()] }), {
      rule: "syntax",
      stage: 0,
    });
    rejects(() => new ProcessInstruction({ kind: "sync", stages: ["image/info" as never] }), {
      rule: "syntax",
    });
  });
});

describe("warnings are data", () => {
  it("documented no-ops between parameters", () => {
    const rules = (instruction: { warnings: readonly { parameter?: string | undefined }[] }) =>
      instruction.warnings.map((w) => w.parameter);
    expect(rules(syncProcess(image().resize({ w: 100, color: "FF0000" })))).toEqual(["color"]);
    expect(rules(syncProcess(image().resize({ w: 100, percent: 50 })))).toEqual(["p"]);
    expect(rules(syncProcess(image().resize({ mode: "lfit", w: 100, long: 50 })))).toEqual(["l"]);
    expect(rules(syncProcess(image().crop({ w: 10, percent: 50 })))).toEqual(["p"]);
    expect(rules(syncProcess(image().crop({ gravity: "auto", w: 10 })))).toEqual(["w"]);
    expect(rules(syncProcess(image().indexcrop({ x: 10, y: 10 })))).toEqual(["x"]);
    expect(rules(syncProcess(image().blur({ radius: 1, sigma: 1, percent: 10 })))).toEqual(["p"]);
    expect(rules(syncProcess(image().watermark({ text: "a", padx: 10 })))).toEqual(["padx"]);
    expect(rules(syncProcess(image().watermark({ text: "a", order: 1 })))).toEqual(["order"]);
    expect(rules(syncProcess(image().watermark({ image: "a.png", size: 10 })))).toEqual(["size"]);
    expect(rules(syncProcess(image().watermark({ text: "a", voffset: 10 })))).toEqual(["voffset"]);
    expect(
      rules(
        asyncProcess(video().sprite({ format: "png", tileWidth: 64, tileWidthPercent: 50 }), {
          saveAs: { key: "a" },
        }),
      ),
    ).toEqual(["psw"]);
    expect(syncProcess(image().resize({ w: 100 })).warnings).toEqual([]);
  });

  it("no-ops that depend on the source image", () => {
    const source = { width: 800, height: 600 };
    const enlarge = syncProcess(image().resize({ w: 2000 }));
    expect(enlarge.warnings).toEqual([]);
    expect(enlarge.validate({ source }).warnings).toMatchObject([
      { rule: "no-op", stage: 0, action: "resize", parameter: "limit" },
    ]);
    expect(
      syncProcess(image().resize({ w: 2000, limit: false })).validate({ source }).warnings,
    ).toEqual([]);
    expect(syncProcess(image().resize({ w: 400, h: 1000 })).validate({ source }).warnings).toEqual(
      [],
    );
    expect(
      syncProcess(image().resize({ mode: "mfit", w: 400, h: 1000 })).validate({ source }).warnings,
    ).toHaveLength(1);
    expect(syncProcess(image().resize({ percent: 150 })).validate({ source }).warnings).toEqual([]);
    expect(
      syncProcess(image().indexcrop({ y: 100, index: 10 })).validate({ source }).warnings,
    ).toMatchObject([{ rule: "no-op", action: "indexcrop", parameter: "i" }]);
    expect(
      syncProcess(image().indexcrop({ y: 100, index: 5 })).validate({ source }).warnings,
    ).toEqual([]);
    expect(
      syncProcess(image().circle({ radius: 400 })).validate({ source }).warnings,
    ).toMatchObject([{ parameter: "r" }]);
    expect(
      syncProcess(image().roundedCorners({ radius: 300 })).validate({ source }).warnings,
    ).toEqual([]);
  });

  it("lenient parsing: trailing commas, standard base64, undocumented parameters", () => {
    const trailing = parse("image/watermark,text_SGVsbG8gV29ybGQ,color_ff6a00,");
    expect(trailing.warnings).toMatchObject([{ rule: "lenient", stage: 0, action: "watermark" }]);
    expect(trailing.toString()).toBe("image/watermark,text_SGVsbG8gV29ybGQ,color_ff6a00");
    const plus = parse("image/watermark,text_8J+YgA==");
    expect(plus.warnings).toMatchObject([{ rule: "lenient", parameter: "text", position: 16 }]);
    expect(plus.toString()).toBe("image/watermark,text_8J-YgA");
    const extra = parse("video/convert,f_mp4,crf_23|sys/saveas,o_YQ", { kind: "async" });
    expect(extra.warnings).toMatchObject([
      { rule: "undocumented", parameter: "crf", position: 20 },
    ]);
    expect((extra.stages[0] as ReturnType<typeof video>).ops[0]).toEqual({
      action: "convert",
      format: "mp4",
      extra: { crf: "23" },
    });
  });
});

describe("parse", () => {
  it("returns typed, decoded values", () => {
    const parsed = parse(
      "image/resize,w_300/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA,t_90",
    );
    const stage = parsed.stages[0] as ImageStage;
    expect(stage.ops).toEqual([
      { action: "resize", w: 300 },
      {
        action: "watermark",
        image: { key: "panda.png", process: image().resize({ percentOfBase: 30 }) },
        opacity: 90,
      },
    ]);
  });

  it("explains grammar errors with a position", () => {
    const cases: Array<[string, ProcessRule, number | undefined]> = [
      ["", "syntax", 0],
      ["x-oss-process=image/info", "syntax", 0],
      ["image", "syntax", 0],
      ["image/", "syntax", 6],
      ["image/resize,w_1|", "syntax", 17],
      ["image/resize,w_1||image/info", "syntax", 17],
      ["image//info", "syntax", 6],
      ["image/Resize,w_1", "syntax", 6],
      ["image/resize,100", "syntax", 13],
      ["image/resize,_100", "syntax", 13],
      ["image/resize,w1_100", "syntax", 13],
      ["image/resize,,w_1", "syntax", 13],
      ["image/rotate,90,1", "syntax", 16],
      ["image/resize,w_1,w_2", "duplicate-parameter", 17],
      ["image/resize,W_1", "unknown-parameter", 13],
      ["image/resise,w_1", "unknown-action", 6],
      ["image/constructor", "unknown-action", 6],
      ["image/resize,toString_1", "unknown-parameter", 13],
      ["img/resize,w_1", "unknown-category", 0],
      ["style/", "type", 6],
      ["style/a/b", "type", 6],
      ["sys/saveas,o_YQ", "chain", 0],
      ["image/info|sys/saveas,o_YQ|sys/saveas,o_Yg", "saveas-last", 26],
      ["image/info|sys/saveas,o_YQ/saveas,o_Yg", "saveas-last", 27],
      ["image/info|sys/saveas,o_YQ/info", "unknown-action", 27],
      ["image/info|sys/save,o_YQ", "unknown-action", 15],
      ["image/rotate,abc", "type", 13],
      ["image/interlace,2", "type", 16],
      ["image/watermark,text_Zg,fill_yes", "type", 24],
      ["image/watermark,text_gA", "base64", 16],
      ["image/watermark,image_YS5wbmc_eC1vc3MtcHJvY2Vzcz1zdHlsZS94", "context", 16],
      ["image/watermark,image_YS5wbmc_eC1vc3MtcHJvY2Vzcz1pbWFnZS9mb3JtYXQscG5n", "context", 16],
      ["image/watermark,image_YS5wbmc_eC1vc3MtcHJvY2Vzcz1pbWFnZS9yZXNpemUsUF8zMDA", "range", 16],
      ["image/watermark,image_YS5wbmc_eC1vc3MtcHJvY2Vzcz1pbWFnZS9yZXNpemUsUF9h", "type", 16],
    ];
    for (const [input, rule, position] of cases) {
      const error = rejects(() => parse(input), { rule });
      expect(error.position, input).toBe(position);
    }
  });

  it("notify rules", () => {
    rejects(
      () => parse("image/deblindwatermark|sys/notify,topic_dA/saveas,o_YQ", { kind: "async" }),
      { rule: "notify", position: 43 },
    );
    rejects(
      () => parse("image/deblindwatermark|sys/notify,topic_dA|sys/saveas,o_YQ", { kind: "async" }),
      { rule: "notify" },
    );
    rejects(
      () => parse("image/deblindwatermark|sys/notify,topic_dA/notify,topic_dA", { kind: "async" }),
      { rule: "notify" },
    );
    rejects(() => parse("video/convert,f_mp4/notify,topic_dA", { kind: "async" }), {
      rule: "notify",
      action: "notify",
    });
    const decoded = parse("image/deblindwatermark,s_low,t_text|sys/notify,topic_dGVzdA", {
      kind: "async",
    });
    expect(decoded.notification).toEqual({ topic: "test" });
    expect(decoded.output).toBeUndefined();
  });

  it("rejects non-strings", () => {
    rejects(() => parse(42 as never), { rule: "syntax" });
  });
});
