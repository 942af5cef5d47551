import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import * as node from "../src/index";
import * as web from "../src/web";

/** Every module reachable from `entry` through relative imports. */
function graph(entry: string, seen = new Set<string>()): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    out.set(file, source);
    for (const [, spec] of source.matchAll(/from "(\.[^"]+)"/g)) {
      visit(join(dirname(file), `${spec}.ts`));
    }
  };
  visit(entry);
  return out;
}

describe("package entries", () => {
  it("the web entry reaches neither undici nor node: modules", () => {
    const modules = graph(join(import.meta.dirname, "../src/web.ts"));
    expect(modules.size).toBeGreaterThan(3);
    for (const [file, source] of modules) {
      const imports = [...source.matchAll(/from "([^".][^"]*)"/g)].map((m) => m[1]);
      expect({ file, imports }).toEqual({
        file,
        imports: imports.filter((name) => name === "@oss-kit/errors"),
      });
    }
  });

  it("the web entry's default transport is fetch, the node entry's undici", async () => {
    expect(web.defaultTransport().name).toBe("fetch");
    const transport = node.defaultTransport();
    expect(transport.name).toBe("undici");
    await transport.close();
    expect("undiciTransport" in web).toBe(false);
    expect("fileBody" in web).toBe(false);
  });

  it("both entries name the same shared API", () => {
    for (const name of ["toRequestBody", "isRequestBody", "fetchTransport", "DEFAULT_TIMEOUTS"]) {
      expect(web).toHaveProperty(name);
      expect(node).toHaveProperty(name);
    }
    expect(node.DEFAULT_TIMEOUTS).toEqual({ connectMs: 10_000, idleMs: 30_000, totalMs: 0 });
  });
});
