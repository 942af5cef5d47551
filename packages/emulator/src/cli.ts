#!/usr/bin/env node
import { parseCliArgs, USAGE } from "./cli-options";
import { startEmulator } from "./server";

async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.kind === "help") {
    console.log(USAGE);
    return;
  }
  if (command.kind === "error") {
    console.error(`oss-kit-emulator: ${command.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const emulator = await startEmulator(command.options);
  const key = emulator.accessKeys[0];
  console.log(`oss-kit-emulator listening on ${emulator.url}`);
  console.log(`  region:            ${command.options.region}`);
  console.log(`  store:             ${command.data ?? "memory"}`);
  console.log(`  access key id:     ${key?.accessKeyId}`);
  if (command.options.accessKeys === undefined) {
    console.log(`  access key secret: ${key?.accessKeySecret}`);
  }
  const stop = (): void => {
    emulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
