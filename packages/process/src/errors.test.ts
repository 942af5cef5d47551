import { OssError, ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { ProcessSyntaxError, parse } from "./index";

describe("ProcessSyntaxError", () => {
  it("is a ValidationError with its own name, code and location fields", () => {
    const error = new ProcessSyntaxError({
      rule: "range",
      detail: "w must be an integer from 1 to 16384, got 20000",
      stage: 0,
      action: "resize",
      parameter: "w",
      position: 13,
    });
    expect(error).toBeInstanceOf(ProcessSyntaxError);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(OssError);
    expect(error.name).toBe("ProcessSyntaxError");
    expect(error.code).toBe("ERR_OSS_PROCESS_SYNTAX");
    expect(error.rule).toBe("range");
    expect(error.field).toBe("stages[0].resize.w");
    expect(error.message).toBe(
      "Invalid stages[0].resize.w: w must be an integer from 1 to 16384, got 20000 [range] at position 13",
    );
    expect(new ValidationError({ field: "a", rule: "b" })).not.toBeInstanceOf(ProcessSyntaxError);
  });

  it("points at the offending parameter in a parsed string", () => {
    const input = "image/resize,w_100/crop,x_10,w_abc";
    try {
      parse(input);
      expect.unreachable();
    } catch (error) {
      const e = error as ProcessSyntaxError;
      expect(e).toMatchObject({
        rule: "type",
        stage: 0,
        action: "crop",
        parameter: "w",
        position: 29,
      });
      expect(input.slice(e.position)).toBe("w_abc");
    }
  });
});
