import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64Url, encodeBase64Url } from "./index";

describe("base64", () => {
  it("encodes URL-safe without padding, from UTF-8", () => {
    expect(encodeBase64Url("")).toBe("");
    expect(encodeBase64Url("f")).toBe("Zg");
    expect(encodeBase64Url("fo")).toBe("Zm8");
    expect(encodeBase64Url("foo")).toBe("Zm9v");
    expect(encodeBase64Url("panda.png")).toBe("cGFuZGEucG5n");
    expect(encodeBase64Url("image/panda.png")).toBe("aW1hZ2UvcGFuZGEucG5n");
    expect(encodeBase64Url("阿里云版权所有")).toBe("6Zi_6YeM5LqR54mI5p2D5omA5pyJ");
    expect(encodeBase64Url("doc_images/{index}.png")).toBe("ZG9jX2ltYWdlcy97aW5kZXh9LnBuZw");
    expect(encodeBase64Url("x>?~.jpg")).toBe("eD4_fi5qcGc");
    expect(encodeBase64Url("😀")).toBe("8J-YgA");
  });

  it("matches the documented font table", () => {
    const fonts: Record<string, string> = {
      "wqy-zenhei": "d3F5LXplbmhlaQ",
      "wqy-microhei": "d3F5LW1pY3JvaGVp",
      fangzhengshusong: "ZmFuZ3poZW5nc2h1c29uZw",
      fangzhengkaiti: "ZmFuZ3poZW5na2FpdGk",
      fangzhengheiti: "ZmFuZ3poZW5naGVpdGk",
      fangzhengfangsong: "ZmFuZ3poZW5nZmFuZ3Nvbmc",
      droidsansfallback: "ZHJvaWRzYW5zZmFsbGJhY2s",
    };
    for (const [name, b64] of Object.entries(fonts)) expect(encodeBase64Url(name)).toBe(b64);
  });

  it("decodes with or without padding, and the standard alphabet's +", () => {
    expect(decodeBase64Url("ZGVzdC5qcGc=")).toEqual({ text: "dest.jpg", plus: false });
    expect(decodeBase64Url("ZGVzdC5qcGc")).toEqual({ text: "dest.jpg", plus: false });
    expect(decodeBase64Url("dGVzdA==")?.text).toBe("test");
    expect(decodeBase64Url("6Zi_6YeM5LqR54mI5p2D5omA5pyJ")?.text).toBe("阿里云版权所有");
    expect(decodeBase64Url("8J+YgA==")).toEqual({ text: "😀", plus: true });
  });

  it("rejects what is not base64 of UTF-8", () => {
    for (const bad of [
      "",
      "=",
      "A",
      "Zg=",
      "Zg===",
      "Z=g=",
      "eD4/fi5qcGc=",
      "Hello World",
      "gA",
      "Zm9v!",
    ]) {
      expect(decodeBase64Url(bad), bad).toBeUndefined();
    }
  });

  it("round-trips any well-formed string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        const encoded = encodeBase64Url(text);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        if (text !== "") expect(decodeBase64Url(encoded)?.text).toBe(text);
      }),
    );
  });
});
