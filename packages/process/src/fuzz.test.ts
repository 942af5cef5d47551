import { describe, expect, it } from "vitest";
import examples from "./fixtures/examples.json" with { type: "json" };
import { ProcessSyntaxError, parse } from "./index";

/**
 * Random and mutated strings never make the parser throw anything but ProcessSyntaxError, and
 * whatever it accepts writes out to a canonical string that parses back to itself.
 */

// A small seeded PRNG (mulberry32), so a failure can be replayed.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = (examples as { input: string }[]).map((e) => e.input);
const ALPHABET =
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.=,/|+@%?& {}阿😀\u0000\ud800";
const CASES = 100_000;

describe("fuzz", () => {
  it(`${CASES} random and mutated strings only ever throw ProcessSyntaxError`, {
    timeout: 120_000,
  }, () => {
    const next = random(0x5eed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const char = () => pick([...ALPHABET]);
    const mutate = (s: string): string => {
      const i = Math.floor(next() * (s.length + 1));
      switch (Math.floor(next() * 7)) {
        case 0:
          return s.slice(0, i) + char() + s.slice(i);
        case 1:
          return s.slice(0, i) + s.slice(i + 1);
        case 2:
          return s.slice(0, i) + char() + s.slice(i + 1);
        case 3: {
          const stages = s.split("|");
          const a = Math.floor(next() * stages.length);
          const b = Math.floor(next() * stages.length);
          [stages[a], stages[b]] = [stages[b]!, stages[a]!];
          return stages.join("|");
        }
        case 4:
          return `${s}|${pick(seeds)}`;
        case 5: {
          const ops = s.split("/");
          ops.splice(Math.floor(next() * ops.length), 1);
          return ops.join("/");
        }
        default:
          return s.replace(/\d+/, String(Math.floor(next() * 40000) - 20000));
      }
    };
    let accepted = 0;
    const rules = new Set<string>();
    for (let n = 0; n < CASES; n++) {
      let input: string;
      if (n % 10 === 0) {
        input = Array.from({ length: Math.floor(next() * 40) }, char).join("");
      } else {
        input = pick(seeds);
        const rounds = 1 + Math.floor(next() * 3);
        for (let r = 0; r < rounds; r++) input = mutate(input);
      }
      const kind = next() < 0.5 ? "sync" : "async";
      try {
        const canonical = parse(input, { kind }).toString();
        accepted++;
        if (parse(canonical, { kind }).toString() !== canonical) {
          throw new Error(`not canonical: ${JSON.stringify(input)} → ${canonical}`);
        }
      } catch (error) {
        if (!(error instanceof ProcessSyntaxError)) {
          throw new Error(`${JSON.stringify(input)} (${kind}) threw ${String(error)}`);
        }
        rules.add(error.rule);
      }
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(rules.size).toBeGreaterThan(10);
  });
});
