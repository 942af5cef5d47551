// Checks every public package before it could be published:
// - the package.json conventions (ESM + CJS exports with types, source condition, sideEffects, engines);
// - the dependency direction recorded in docs/architecture.md (runtime deps only from the table);
// - publint and @arethetypeswrong/cli on the packed tarball.
// Run after `pnpm build`: node scripts/check-packages.mjs
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bin = (name) => join(root, "node_modules", ".bin", name);

/** Runtime dependencies (dependencies + peerDependencies) each package may have. Keep in step with docs/architecture.md. */
const allowed = {
  "oss-kit": [
    "@oss-kit/core",
    "@oss-kit/crc64",
    "@oss-kit/errors",
    "@oss-kit/process",
    "@oss-kit/signer",
    "@oss-kit/transport",
  ],
  "@oss-kit/errors": [],
  "@oss-kit/crc64": [],
  "@oss-kit/signer": [],
  "@oss-kit/process": [],
  "@oss-kit/transport": ["undici"],
  "@oss-kit/upload": ["@oss-kit/crc64", "@oss-kit/errors"],
  "@oss-kit/checkpoint-redis": ["@oss-kit/upload"],
  "@oss-kit/emulator": [
    "@oss-kit/crc64",
    "@oss-kit/errors",
    "@oss-kit/signer",
    "@oss-kit/process",
    "msw",
    "fast-xml-parser",
  ],
  "@oss-kit/core": [
    "@oss-kit/errors",
    "@oss-kit/signer",
    "@oss-kit/crc64",
    "@oss-kit/transport",
    "@oss-kit/process",
    "@noble/hashes",
    "fast-xml-parser",
  ],
};

const problems = [];
const packages = readdirSync(join(root, "packages"))
  .map((dir) => join(root, "packages", dir))
  .filter((dir) => existsSync(join(dir, "package.json")));

for (const dir of packages) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (pkg.private) continue;
  const where = `${pkg.name} (${dir.slice(root.length)})`;
  const rules = allowed[pkg.name];
  if (!rules) {
    problems.push(
      `${where}: not in the dependency table of scripts/check-packages.mjs and docs/architecture.md`,
    );
    continue;
  }
  const runtime = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  for (const dep of runtime) {
    if (!rules.includes(dep)) problems.push(`${where}: may not depend on ${dep}`);
  }
  if (pkg.type !== "module") problems.push(`${where}: "type" must be "module"`);
  if (pkg.sideEffects !== false) problems.push(`${where}: "sideEffects" must be false`);
  if (pkg.engines?.node !== ">=20.18") problems.push(`${where}: engines.node must be ">=20.18"`);
  const dot = pkg.exports?.["."];
  if (!dot?.["@oss-kit/source"])
    problems.push(`${where}: exports["."] needs the @oss-kit/source condition`);
  if (!dot?.import?.types || !dot?.require?.types) {
    problems.push(`${where}: exports["."] needs import and require branches with types`);
  }
  if (!existsSync(join(dir, "README.md"))) problems.push(`${where}: no README.md`);
  for (const [tool, args] of [
    [bin("publint"), ["--strict"]],
    [bin("attw"), ["--pack", "."]],
  ]) {
    try {
      execFileSync(tool, args, { cwd: dir, stdio: "pipe", encoding: "utf8" });
      console.log(`ok   ${pkg.name}: ${tool.split("/").pop()}`);
    } catch (error) {
      problems.push(
        `${where}: ${tool.split("/").pop()} failed\n${error.stdout ?? ""}${error.stderr ?? ""}`,
      );
    }
  }
}

// The API reference documents exactly the public packages.
const typedoc = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8"));
const publicDirs = packages
  .filter((dir) => !JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private)
  .map((dir) => dir.slice(root.length).replace(/^\/+/, ""))
  .sort();
if (JSON.stringify([...typedoc.entryPoints].sort()) !== JSON.stringify(publicDirs)) {
  problems.push(`typedoc.json entryPoints must list the public packages: ${publicDirs.join(", ")}`);
}

if (problems.length > 0) {
  console.error(`\n${problems.length} packaging problem(s):\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(`\nall public packages pass (${packages.length} packages checked)`);
