import { describe, expect, it } from "vitest";
import { asyncProcess, doc, image, ProcessSyntaxError, parse, syncProcess } from "./index";

/** The README's examples, so they stay true. */
describe("README", () => {
  it("1. DOCX → PNG asynchronously, saved and announced", () => {
    const convert = asyncProcess(doc().convert({ target: "png", source: "docx" }))
      .saveAs({ bucket: "test-bucket", key: "doc_images/{index}.png" })
      .notify({ topic: "test-topic" });
    expect(convert.toString()).toBe(
      "doc/convert,target_png,source_docx|sys/saveas,b_dGVzdC1idWNrZXQ,o_ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw/notify,topic_dGVzdC10b3BpYw",
    );
    expect([convert.parameter, convert.method]).toEqual(["x-oss-async-process", "POST"]);
  });

  it("2. resize and watermark synchronously", () => {
    const thumbnail = syncProcess(
      image().resize({ mode: "lfit", w: 300, h: 300 }).format("jpg").watermark({
        text: "© 阿里云",
        font: "wqy-microhei",
        color: "FFFFFF",
        size: 30,
        shadow: 50,
        gravity: "se",
        x: 10,
        y: 10,
      }),
    );
    expect(thumbnail.toString()).toBe(
      "image/resize,m_lfit,w_300,h_300/format,jpg/watermark,text_wqkg6Zi_6YeM5LqR,type_d3F5LW1pY3JvaGVp,color_FFFFFF,size_30,shadow_50,g_se,x_10,y_10",
    );
    expect(thumbnail.method).toBe("GET");
    expect(image().resize({ w: 100 }).toString()).toBe("image/resize,w_100");
  });

  it("3. resize and blind watermark, saved as another object", () => {
    const marked = syncProcess(
      image().resize({ w: 1200 }).blindwatermark({ content: "阿里云版权所有", strength: "medium" }),
    ).saveAs({ bucket: "marked-bucket", key: "photos/marked.jpg" });
    expect(marked.toString()).toBe(
      "image/resize,w_1200/blindwatermark,content_6Zi_6YeM5LqR54mI5p2D5omA5pyJ,s_medium|sys/saveas,b_bWFya2VkLWJ1Y2tldA,o_cGhvdG9zL21hcmtlZC5qcGc",
    );
    expect(marked.method).toBe("POST");
  });

  it("errors and warnings", () => {
    const input = "image/resize,w_100|sys/saveas,o_dGVzdC5qcGc|image/format,png";
    expect(() => parse(input)).toThrow(ProcessSyntaxError);
    expect(() => parse(input)).toThrow(
      "Invalid stages[1].saveas: sys/saveas must be the last stage: only /notify may follow it [saveas-last] at position 43",
    );
    expect(syncProcess(image().resize({ w: 100, color: "FF0000" })).warnings).toEqual([
      {
        rule: "no-op",
        stage: 0,
        action: "resize",
        parameter: "color",
        message: "color only applies to mode pad",
      },
    ]);
  });
});
