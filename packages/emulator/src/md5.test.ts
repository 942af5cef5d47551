import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { md5Js } from "./md5";

describe("md5Js", () => {
  it("matches node:crypto for lengths around block boundaries", () => {
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 100_000]) {
      const data = new Uint8Array(length);
      for (let i = 0; i < length; i++) data[i] = (i * 7 + length) & 0xff;
      const expected = new Uint8Array(createHash("md5").update(data).digest());
      expect(md5Js(data)).toEqual(expected);
    }
  });

  it("gives the empty-string digest OSS shows (D41D8CD9…)", () => {
    const hex = Array.from(md5Js(new Uint8Array(0)), (b) => b.toString(16).padStart(2, "0")).join(
      "",
    );
    expect(hex).toBe("d41d8cd98f00b204e9800998ecf8427e");
  });
});
