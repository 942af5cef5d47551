import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, it, vi } from "vitest";

const root = resolve(import.meta.dirname, "..");

/** Workspace packages an example may import, mapped to their sources. */
const sources: Record<string, string> = {
  "@oss-kit/errors": join(root, "packages/errors/src/index.ts"),
  "@oss-kit/signer": join(root, "packages/signer/src/index.ts"),
  "@oss-kit/crc64": join(root, "packages/crc64/src/index.ts"),
  "@oss-kit/process": join(root, "packages/process/src/index.ts"),
  "@oss-kit/transport": join(root, "packages/transport/src/index.ts"),
};

/**
 * Declares one test per ```ts block of a package README, running it as written (imports of
 * workspace packages point at their sources). A README example that throws fails the suite.
 */
export function testReadmeExamples(packageDir: string): void {
  const readme = readFileSync(join(packageDir, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const dir = join(packageDir, ".readme-examples");
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  blocks.forEach((block, i) => {
    const heading =
      readme
        .slice(0, readme.indexOf(block))
        .match(/^#+ (.*)$/gm)
        ?.pop() ?? "";
    it(`README example ${i + 1} (${heading.replace(/^#+ /, "")}) runs`, async () => {
      let code = block;
      for (const [name, path] of Object.entries(sources)) {
        code = code.replaceAll(`from "${name}"`, `from ${JSON.stringify(path)}`);
      }
      const file = join(dir, `example-${i + 1}.ts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        await import(/* @vite-ignore */ file);
      } finally {
        log.mockRestore();
      }
    });
  });
}
