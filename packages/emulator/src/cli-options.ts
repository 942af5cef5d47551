import { parseArgs } from "node:util";
import { FsStore } from "./fs-store";
import type { EmulatorOptions } from "./server";

/** The CLI's usage text. */
export const USAGE = `Usage: oss-kit-emulator [--port 9000] [--host 127.0.0.1] [--region cn-hangzhou] [--data DIR]
                        [--access-key-id ID --access-key-secret SECRET] [--virtual-host NAME]

A local Alibaba Cloud OSS. With --data DIR, buckets and objects persist under DIR; without it they
live in memory. Without an access key pair, one is generated and printed.`;

/** What the command line asks for: help, an error message, or a server to start. */
export type CliCommand =
  | { kind: "help" }
  | { kind: "error"; message: string }
  | { kind: "start"; options: EmulatorOptions; data: string | undefined };

/** Parses `oss-kit-emulator` arguments (without the node and script paths). */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: "string", default: "9000" },
        host: { type: "string", default: "127.0.0.1" },
        region: { type: "string", default: "cn-hangzhou" },
        data: { type: "string" },
        "access-key-id": { type: "string" },
        "access-key-secret": { type: "string" },
        "virtual-host": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: "help" };
  const id = values["access-key-id"] as string | undefined;
  const secret = values["access-key-secret"] as string | undefined;
  if ((id === undefined) !== (secret === undefined)) {
    return {
      kind: "error",
      message: "give both --access-key-id and --access-key-secret, or neither",
    };
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { kind: "error", message: `--port must be 0-65535, got ${String(values.port)}` };
  }
  const data = values.data as string | undefined;
  return {
    kind: "start",
    data,
    options: {
      port,
      host: values.host as string,
      region: values.region as string,
      virtualHost: values["virtual-host"] as string | undefined,
      store: data === undefined ? undefined : new FsStore(data),
      accessKeys:
        id !== undefined && secret !== undefined
          ? [{ accessKeyId: id, accessKeySecret: secret }]
          : undefined,
    },
  };
}
