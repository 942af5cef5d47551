import { describe, expect, it } from "vitest";
import {
  asyncProcess,
  audio,
  doc,
  image,
  type ProcessInstruction,
  parse,
  style,
  syncProcess,
  video,
} from "./index";

/** Every builder: the exact string, and `build → toString → parse` gives the same structure. */
const cases: Array<[name: string, build: () => ProcessInstruction, expected: string]> = [
  [
    "resize",
    () => syncProcess(image().resize({ mode: "fixed", w: 100, h: 100 })),
    "image/resize,m_fixed,w_100,h_100",
  ],
  [
    "resize limit_0",
    () => syncProcess(image().resize({ w: 500, limit: false })),
    "image/resize,w_500,limit_0",
  ],
  [
    "resize pad",
    () => syncProcess(image().resize({ mode: "pad", h: 100, w: 100, color: "FF0000" })),
    "image/resize,m_pad,h_100,w_100,color_FF0000",
  ],
  [
    "resize l/s/p",
    () => syncProcess(image().resize({ long: 300, short: 200 }), image().resize({ percent: 120 })),
    "image/resize,l_300,s_200|image/resize,p_120",
  ],
  [
    "crop",
    () => syncProcess(image().crop({ w: 900, h: 900, gravity: "se" })),
    "image/crop,w_900,h_900,g_se",
  ],
  [
    "crop face",
    () => syncProcess(image().crop({ gravity: "face", percent: 150 })),
    "image/crop,g_face,p_150",
  ],
  [
    "indexcrop",
    () => syncProcess(image().indexcrop({ y: 100, index: 10 })),
    "image/indexcrop,y_100,i_10",
  ],
  [
    "circle",
    () => syncProcess(image().circle({ radius: 100 }).format("png")),
    "image/circle,r_100/format,png",
  ],
  [
    "rounded-corners",
    () => syncProcess(image().roundedCorners({ radius: 10 })),
    "image/rounded-corners,r_10",
  ],
  ["rotate", () => syncProcess(image().rotate(90)), "image/rotate,90"],
  [
    "auto-orient",
    () => syncProcess(image().autoOrient(false).autoOrient()),
    "image/auto-orient,0/auto-orient,1",
  ],
  ["blur", () => syncProcess(image().blur({ radius: 10, sigma: 10 })), "image/blur,r_10,s_10"],
  [
    "blur faces",
    () => syncProcess(image().blur({ radius: 3, sigma: 2, gravity: "faces", percent: 120 })),
    "image/blur,r_3,s_2,g_faces,p_120",
  ],
  ["bright", () => syncProcess(image().bright(-50)), "image/bright,-50"],
  ["contrast", () => syncProcess(image().contrast(50)), "image/contrast,50"],
  ["sharpen", () => syncProcess(image().sharpen(100)), "image/sharpen,100"],
  [
    "format + interlace",
    () => syncProcess(image().format("jpg").interlace()),
    "image/format,jpg/interlace,1",
  ],
  [
    "interlace off",
    () => syncProcess(image().format("jpg").interlace(false)),
    "image/format,jpg/interlace,0",
  ],
  ["quality q", () => syncProcess(image().quality({ relative: 90 })), "image/quality,q_90"],
  ["quality Q", () => syncProcess(image().quality({ absolute: 100 })), "image/quality,Q_100"],
  ["info", () => syncProcess(image().info()), "image/info"],
  [
    "average-hue",
    () => syncProcess(image().resize({ w: 10 }).averageHue()),
    "image/resize,w_10/average-hue",
  ],
  [
    "text watermark",
    () =>
      syncProcess(
        image().resize({ w: 300, h: 300 }).watermark({
          font: "wqy-zenhei",
          size: 30,
          text: "Hello World",
          color: "FFFFFF",
          shadow: 50,
          opacity: 100,
          gravity: "se",
          x: 10,
          y: 10,
        }),
      ),
    "image/resize,w_300,h_300/watermark,type_d3F5LXplbmhlaQ,size_30,text_SGVsbG8gV29ybGQ,color_FFFFFF,shadow_50,t_100,g_se,x_10,y_10",
  ],
  [
    "image watermark with its own process",
    () =>
      syncProcess(
        image()
          .resize({ w: 300 })
          .watermark({
            image: { key: "panda.png", process: image().resize({ percentOfBase: 30 }) },
            opacity: 90,
            gravity: "se",
            x: 10,
            y: 10,
          }),
      ),
    "image/resize,w_300/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA,t_90,g_se,x_10,y_10",
  ],
  [
    "two image watermarks",
    () =>
      syncProcess(
        image()
          .watermark({ image: "panda.png" })
          .watermark({ image: "Tulips.jpg", gravity: "west", x: 10, y: 10 }),
      ),
    "image/watermark,image_cGFuZGEucG5n/watermark,image_VHVsaXBzLmpwZw,g_west,x_10,y_10",
  ],
  [
    "mixed watermark",
    () =>
      syncProcess(
        image().watermark({
          image: "panda.png",
          text: "Hello World",
          order: 1,
          align: 1,
          interval: 10,
        }),
      ),
    "image/watermark,image_cGFuZGEucG5n,text_SGVsbG8gV29ybGQ,order_1,align_1,interval_10",
  ],
  [
    "tiled watermark",
    () =>
      syncProcess(
        image().watermark({
          text: "Hello World",
          fill: true,
          padx: 100,
          pady: 100,
          rotate: 30,
          opacity: 30,
        }),
      ),
    "image/watermark,text_SGVsbG8gV29ybGQ,fill_1,padx_100,pady_100,rotate_30,t_30",
  ],
  [
    "watermark voffset",
    () => syncProcess(image().watermark({ text: "中文", gravity: "center", voffset: -20 })),
    "image/watermark,text_5Lit5paH,g_center,voffset_-20",
  ],
  [
    "blindwatermark + saveAs",
    () =>
      syncProcess(
        image().blindwatermark({ content: "阿里云版权所有", strength: "medium", quality: 90 }),
      ).saveAs({
        key: "dest.jpg",
        bucket: "test-bucket",
      }),
    "image/blindwatermark,content_6Zi_6YeM5LqR54mI5p2D5omA5pyJ,s_medium,q_90|sys/saveas,o_ZGVzdC5qcGc,b_dGVzdC1idWNrZXQ",
  ],
  [
    "deblindwatermark + sys/notify",
    () =>
      asyncProcess(image().deblindwatermark({ strength: "low", type: "text" })).notify({
        topic: "imm-blindwatermark-test",
      }),
    "image/deblindwatermark,s_low,t_text|sys/notify,topic_aW1tLWJsaW5kd2F0ZXJtYXJrLXRlc3Q",
  ],
  ["analyze", () => syncProcess(image().analyze("faces")), "image/faces"],
  [
    "analyze with extra",
    () => syncProcess(image().analyze("labels", { extra: { thr: "0.5" } })),
    "image/labels,thr_0.5",
  ],
  ["style", () => syncProcess(style("panda_style")), "style/panda_style"],
  [
    "async style",
    () => asyncProcess(style("video_hd")).saveAs({ bucket: "my-bucket", key: "dest.mp4" }),
    "style/video_hd|sys/saveas,b_bXktYnVja2V0,o_ZGVzdC5tcDQ",
  ],
  [
    "saveAs default bucket",
    () => syncProcess(image().resize({ w: 100 })).saveAs({ key: "test.jpg" }),
    "image/resize,w_100|sys/saveas,o_dGVzdC5qcGc",
  ],
  [
    "doc convert + saveAs + notify",
    () =>
      asyncProcess(doc().convert({ target: "png", source: "docx" }))
        .saveAs({ bucket: "test-bucket", key: "doc_images/{index}.png" })
        .notify({ topic: "test-topic" }),
    "doc/convert,target_png,source_docx|sys/saveas,b_dGVzdC1idWNrZXQ,o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw/notify,topic_dGVzdC10b3BpYw",
  ],
  [
    "doc convert pages",
    () =>
      asyncProcess(doc().convert({ target: "pdf", pages: "1,3-5" }), {
        saveAs: { key: "out.pdf" },
      }),
    "doc/convert,target_pdf,pages_MSwzLTU|sys/saveas,o_b3V0LnBkZg",
  ],
  [
    "doc snapshot",
    () => syncProcess(doc().snapshot({ target: "jpg", source: "docx", page: 2 })),
    "doc/snapshot,target_jpg,source_docx,page_2",
  ],
  [
    "doc preview + watermark",
    () =>
      syncProcess(
        doc().preview({ export: true, print: false, copy: true }).watermark({
          text: "Hi",
          size: 20,
          opacity: 50,
          color: "FF0000",
          rotate: 45,
          font: "wqy-zenhei",
        }),
      ),
    "doc/preview,export_1,print_0,copy_1/watermark,text_SGk,size_20,t_50,color_FF0000,rotate_45,type_d3F5LXplbmhlaQ",
  ],
  ["doc edit", () => syncProcess(doc().edit()), "doc/edit"],
  [
    "video snapshot",
    () =>
      syncProcess(
        video().snapshot({
          time: 7000,
          format: "jpg",
          w: 800,
          h: 600,
          mode: "fast",
          autoRotate: "auto",
        }),
      ),
    "video/snapshot,t_7000,f_jpg,w_800,h_600,m_fast,ar_auto",
  ],
  ["video info", () => syncProcess(video().info()), "video/info"],
  [
    "video convert",
    () =>
      asyncProcess(
        video().convert({
          format: "avi",
          videoCodec: "h265",
          resolution: "1920x1080",
          videoBitrate: 2000000,
          fps: 30,
          audioCodec: "aac",
          audioBitrate: 100000,
          disableSubtitles: true,
        }),
      ).saveAs({ bucket: "desct-bucket", key: "demo.mp4" }),
    "video/convert,f_avi,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1|sys/saveas,b_ZGVzY3QtYnVja2V0,o_ZGVtby5tcDQ",
  ],
  [
    "video convert, all documented parameters",
    () =>
      asyncProcess(
        video().convert({
          start: 1000,
          duration: 5000,
          disableVideo: false,
          fps: 29.97,
          fpsMode: 1,
          pixelFormat: "yuv420p",
          sampleRate: 44100,
          extra: { crf: "23" },
        }),
      ).saveAs({ key: "o.mp4" }),
    "video/convert,ss_1000,t_5000,vn_0,fps_29.97,fpsopt_1,pixfmt_yuv420p,ar_44100,crf_23|sys/saveas,o_by5tcDQ",
  ],
  [
    "video sprite",
    () =>
      asyncProcess(
        video().sprite({
          format: "jpg",
          tileWidth: 100,
          tileHeight: 100,
          interval: 10000,
          columns: 10,
          rows: 10,
          padding: 0,
          margin: 0,
          start: 0,
          mode: "dhash",
          threshold: 10,
          count: 5,
        }),
      ).saveAs({ bucket: "my-bucket", key: "out.jpg" }),
    "video/sprite,f_jpg,sw_100,sh_100,inter_10000,tw_10,th_10,pad_0,margin_0,ss_0,m_dhash,thr_10,num_5|sys/saveas,b_bXktYnVja2V0,o_b3V0LmpwZw",
  ],
  [
    "video snapshots",
    () =>
      asyncProcess(
        video().snapshots({ format: "jpg", w: 100, h: 100, scaleType: "crop", interval: 10000 }),
      ).saveAs({ key: "out/{index}.jpg" }),
    "video/snapshots,f_jpg,w_100,h_100,scaletype_crop,inter_10000|sys/saveas,o_b3V0L3tpbmRleH0uanBn",
  ],
  [
    "video animation",
    () =>
      asyncProcess(video().animation({ format: "gif", w: 100, h: 100, interval: 1000 })).saveAs({
        key: "out.gif",
      }),
    "video/animation,f_gif,w_100,h_100,inter_1000|sys/saveas,o_b3V0LmdpZg",
  ],
  [
    "video concat",
    () =>
      asyncProcess(
        video()
          .concat({
            start: 0,
            format: "mp4",
            videoCodec: "h264",
            fps: 25,
            videoBitrate: 1000000,
            audioCodec: "aac",
            audioBitrate: 96000,
            sampleRate: 48000,
            channels: 2,
            align: 1,
          })
          .pre({ key: "concat1.mp4" })
          .sur({ key: "concat2.mp4", duration: 0 }),
      ).saveAs({ bucket: "my-bucket", key: "dest.mp4" }),
    "video/concat,ss_0,f_mp4,vcodec_h264,fps_25,vb_1000000,acodec_aac,ab_96000,ar_48000,ac_2,align_1/pre,o_Y29uY2F0MS5tcDQ/sur,o_Y29uY2F0Mi5tcDQ,t_0|sys/saveas,b_bXktYnVja2V0,o_ZGVzdC5tcDQ",
  ],
  [
    "audio convert + notify",
    () =>
      asyncProcess(
        audio().convert({ start: 10000, duration: 60000, format: "aac", audioBitrate: 96000 }),
      )
        .saveAs({ bucket: "my-bucket", key: "dest.aac" })
        .notify({ topic: "AudioConvert" }),
    "audio/convert,ss_10000,t_60000,f_aac,ab_96000|sys/saveas,b_bXktYnVja2V0,o_ZGVzdC5hYWM/notify,topic_QXVkaW9Db252ZXJ0",
  ],
  [
    "audio concat",
    () =>
      asyncProcess(
        audio()
          .concat({ format: "aac", channels: 1, sampleRate: 44100, audioBitrate: 96000, align: 2 })
          .pre({ key: "concat1.aac" })
          .sur({ key: "concat2.aac", start: 0, duration: 0 }),
      ).saveAs({ key: "dest.aac" }),
    "audio/concat,f_aac,ac_1,ar_44100,ab_96000,align_2/pre,o_Y29uY2F0MS5hYWM/sur,o_Y29uY2F0Mi5hYWM,ss_0,t_0|sys/saveas,o_ZGVzdC5hYWM",
  ],
  ["audio info", () => syncProcess(audio().info()), "audio/info"],
  [
    "pipes",
    () => syncProcess(image().resize({ w: 100 }), image().format("webp")),
    "image/resize,w_100|image/format,webp",
  ],
];

describe("builders", () => {
  for (const [name, build, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      const built = build();
      expect(built.toString()).toBe(expected);
      const parsed = parse(expected, { kind: built.kind });
      expect(parsed).toEqual(built);
      expect(parsed.toString()).toBe(expected);
    });
  }

  it("a stage alone is a sync x-oss-process value", () => {
    expect(image().resize({ w: 100, mode: "lfit" }).watermark({ text: "Hi" }).toString()).toBe(
      "image/resize,w_100,m_lfit/watermark,text_SGk",
    );
  });

  it("stages are immutable: a base can be reused", () => {
    const base = image().resize({ w: 100 });
    const a = base.format("png");
    const b = base.format("webp");
    expect(base.toString()).toBe("image/resize,w_100");
    expect(a.toString()).toBe("image/resize,w_100/format,png");
    expect(b.toString()).toBe("image/resize,w_100/format,webp");
    expect(Object.isFrozen(base.ops)).toBe(true);
  });

  it("drops undefined parameters", () => {
    expect(
      image()
        .resize({ w: 100, h: undefined } as never)
        .toString(),
    ).toBe("image/resize,w_100");
  });

  it("never emits the grammar's separators inside values", () => {
    const text = "a/b,c|d_e=f+g?h&i 阿里云 😀";
    const out = syncProcess(image().watermark({ text, image: "dir/a,b|c.png" }))
      .saveAs({ key: "x/{index},y|z.png", bucket: "b" })
      .toString();
    const values = out
      .split("|")
      .flatMap((s) => s.split("/").slice(1))
      .flatMap((o) => o.split(",").slice(1));
    for (const v of values) expect(v).toMatch(/^[A-Za-z]+_[A-Za-z0-9_-]+$/);
    const parsed = parse(out, { method: "POST" });
    expect(parsed.output).toEqual({ key: "x/{index},y|z.png", bucket: "b" });
    expect((parsed.stages[0] as ReturnType<typeof image>).ops[0]).toMatchObject({
      text,
      image: "dir/a,b|c.png",
    });
  });
});
