import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";
import { projects } from "./vitest.workspace";

const conditions = ["@oss-kit/source", ...defaultServerConditions];

// CI reads this JSON report to print one plain `tests: N passed, M failed` line.
const reporters: Array<string | [string, Record<string, unknown>]> = ["default"];
if (process.env.CI) reporters.push(["json", { outputFile: "test-results.json" }]);

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["@oss-kit/source"] } },
  test: {
    projects,
    reporters,
  },
});
