import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TestProjectInlineConfiguration } from "vitest/config";

/**
 * The one list of test projects: one project per package under `packages/`, each running the
 * `*.test.ts` files beside its sources. Vitest 4 no longer reads this file by itself, so
 * `vitest.config.ts` imports it into `test.projects`; `pnpm test` therefore runs exactly these.
 *
 * Projects `extends: true` the root config, which resolves workspace packages through their
 * `@oss-kit/source` export condition: tests run on the TypeScript sources, no build needed.
 */
const root = import.meta.dirname;

export const projects: TestProjectInlineConfiguration[] = readdirSync(join(root, "packages"))
  .filter((name) => statSync(join(root, "packages", name)).isDirectory())
  .sort()
  .map((name) => ({
    extends: true,
    test: {
      name,
      root: join(root, "packages", name),
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    },
  }));

export default projects;
