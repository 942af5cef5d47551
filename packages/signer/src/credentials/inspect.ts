/** Node's (and Bun's) hook for `util.inspect`, `console.log` and `util.format("%o")`. */
export const nodeInspect: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;

/** Deno's hook for `Deno.inspect` and `console.log`. */
export const denoInspect: unique symbol = Symbol.for("Deno.customInspect") as never;

type InspectFunction = (value: unknown, options?: unknown) => string;

/**
 * Renders `name { ...summary }` for a custom inspect hook, through Node's own `inspect` when it
 * is handed over (so colors and depth apply), else as JSON. A `flat` summary (only primitives)
 * is shown whole at any depth.
 */
export function inspectAs(
  name: string,
  summary: object,
  depth: unknown,
  options: unknown,
  inspect: unknown,
  flat = false,
): string {
  if (typeof depth === "number" && depth < 0) return `[${name}]`;
  if (typeof inspect !== "function") return `${name} ${JSON.stringify(summary)}`;
  const opts = typeof options === "object" && options !== null ? options : {};
  const nested = flat || typeof depth !== "number" ? depth : depth - 1;
  return `${name} ${(inspect as InspectFunction)(summary, { ...opts, depth: nested })}`;
}
