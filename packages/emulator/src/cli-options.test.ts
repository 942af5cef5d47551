import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-options";
import { FsStore } from "./fs-store";

describe("parseCliArgs", () => {
  it("reads port, keys, region and data directory", () => {
    const command = parseCliArgs([
      "--port",
      "9000",
      "--data",
      "./data",
      "--access-key-id",
      "ID",
      "--access-key-secret",
      "SECRET",
      "--region",
      "cn-shanghai",
    ]);
    expect(command.kind).toBe("start");
    if (command.kind !== "start") return;
    expect(command.options.port).toBe(9000);
    expect(command.options.region).toBe("cn-shanghai");
    expect(command.options.accessKeys).toEqual([{ accessKeyId: "ID", accessKeySecret: "SECRET" }]);
    expect(command.options.store).toBeInstanceOf(FsStore);
    expect(command.data).toBe("./data");
  });

  it("defaults to a memory store and generated keys", () => {
    const command = parseCliArgs([]);
    expect(command.kind === "start" && command.options.store).toBeUndefined();
    expect(command.kind === "start" && command.options.accessKeys).toBeUndefined();
  });

  it("rejects half a key pair, bad ports and unknown flags", () => {
    expect(parseCliArgs(["--access-key-id", "ID"]).kind).toBe("error");
    expect(parseCliArgs(["--port", "70000"]).kind).toBe("error");
    expect(parseCliArgs(["--nope"]).kind).toBe("error");
    expect(parseCliArgs(["-h"]).kind).toBe("help");
  });
});
