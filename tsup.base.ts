import type { Options } from "tsup";

/** How one package is built. */
export interface PackageBuildOptions {
  /** Entry points by output name; default `{ index: "src/index.ts" }`. */
  entry?: Record<string, string>;
  /**
   * Workspace packages to inline instead of importing, for leaf packages that promise zero
   * runtime dependencies (the signer, crc64, process inline `@oss-kit/errors`: its classes are
   * brand-checked, so `instanceof` still holds against the standalone package).
   */
  inline?: string[];
}

/**
 * The one build recipe for every public package: ESM + CJS + `.d.ts`/`.d.cts`, unminified,
 * targeting Node 20.18 and evergreen browsers. Other dependencies stay external.
 */
export function packageBuild(options: PackageBuildOptions = {}): Options {
  const inline = options.inline ?? [];
  return {
    entry: options.entry ?? { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: {
      resolve: inline,
      compilerOptions: { ignoreDeprecations: "6.0" },
    },
    clean: true,
    sourcemap: true,
    target: "es2022",
    platform: "neutral",
    splitting: false,
    treeshake: true,
    tsconfig: "tsconfig.build.json",
    noExternal: inline,
    esbuildOptions(esbuild) {
      // Read sibling packages from source, so the build does not depend on build order.
      esbuild.conditions = ["@oss-kit/source", ...(esbuild.conditions ?? [])];
    },
  };
}
