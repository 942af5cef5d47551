import { describe, expect, it } from "vitest";
import examples from "./fixtures/examples.json" with { type: "json" };
import { ProcessSyntaxError, parse } from "./index";

/**
 * Every valid and invalid example of `/work/shared/reference/process-dsl.md` (§12 test vectors,
 * plus the examples in the prose, templates instantiated), one loop.
 */
interface Example {
  id: string;
  line: number;
  kind: "sync" | "async";
  method?: "GET" | "POST";
  input: string;
  valid: boolean;
  canonical?: string;
  warnings?: string[];
  rule?: string;
  stage?: number;
  action?: string;
  parameter?: string;
  note: string;
}

const all = examples as Example[];
const options = (e: Example) => ({ kind: e.kind, ...(e.method && { method: e.method }) });

describe("process-dsl.md examples", () => {
  it("covers every §12 vector", () => {
    const ids = new Set(all.map((e) => e.id));
    for (let i = 1; i <= 48; i++) expect(ids.has(`V${i}`), `V${i}`).toBe(true);
    for (let i = 1; i <= 32; i++) expect(ids.has(`X${i}`), `X${i}`).toBe(true);
  });

  for (const e of all.filter((x) => x.valid)) {
    it(`${e.id} (line ${e.line}) parses and round-trips: ${e.input}`, () => {
      const instruction = parse(e.input, options(e));
      expect(instruction.kind).toBe(e.kind);
      const canonical = e.canonical ?? e.input;
      expect(instruction.toString()).toBe(canonical);
      const again = parse(canonical, options(e));
      expect(again.toString()).toBe(canonical);
      expect(again).toEqual(instruction);
      expect(instruction.warnings.map((w) => w.rule)).toEqual(e.warnings ?? []);
    });
  }

  for (const e of all.filter((x) => !x.valid)) {
    it(`${e.id} (line ${e.line}) is rejected for ${e.rule}: ${e.input}`, () => {
      let error: unknown;
      try {
        parse(e.input, options(e));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ProcessSyntaxError);
      const found = error as ProcessSyntaxError;
      expect(found.rule).toBe(e.rule);
      if (e.stage !== undefined) expect(found.stage).toBe(e.stage);
      if (e.action !== undefined) expect(found.action).toBe(e.action);
      if (e.parameter !== undefined) expect(found.parameter).toBe(e.parameter);
      if (found.position !== undefined) {
        expect(found.position).toBeGreaterThanOrEqual(0);
        expect(found.position).toBeLessThanOrEqual(e.input.length);
      }
    });
  }
});
