import { ValidationError } from "@oss-kit/errors";
import { describe, expect, it } from "vitest";
import { requestLocation, resolveEndpoint } from "./endpoint";

const url = (options: Parameters<typeof resolveEndpoint>[0], bucket?: string, key?: string) => {
  const { origin, path } = requestLocation(resolveEndpoint(options), bucket, key);
  return origin + path;
};

describe("endpoints", () => {
  const cases: Array<
    [string, Parameters<typeof resolveEndpoint>[0], string | undefined, string | undefined, string]
  > = [
    [
      "region",
      { region: "cn-hangzhou" },
      "b-1",
      "a/b c",
      "https://b-1.oss-cn-hangzhou.aliyuncs.com/a/b%20c",
    ],
    [
      "service level",
      { region: "cn-hangzhou" },
      undefined,
      undefined,
      "https://oss-cn-hangzhou.aliyuncs.com/",
    ],
    [
      "bucket level",
      { region: "cn-hangzhou" },
      "b-1",
      undefined,
      "https://b-1.oss-cn-hangzhou.aliyuncs.com/",
    ],
    [
      "internal",
      { region: "cn-beijing", useInternalEndpoint: true },
      "b-1",
      "k",
      "https://b-1.oss-cn-beijing-internal.aliyuncs.com/k",
    ],
    [
      "accelerate",
      { region: "cn-beijing", useAccelerateEndpoint: true },
      "b-1",
      "k",
      "https://b-1.oss-accelerate.aliyuncs.com/k",
    ],
    [
      "dual-stack",
      { region: "cn-beijing", useDualStackEndpoint: true },
      "b-1",
      "k",
      "https://b-1.cn-beijing.oss.aliyuncs.com/k",
    ],
    [
      "http",
      { region: "cn-hangzhou", protocol: "http" },
      "b-1",
      "k",
      "http://b-1.oss-cn-hangzhou.aliyuncs.com/k",
    ],
    [
      "custom host",
      { region: "cn-hangzhou", endpoint: "oss-cn-hangzhou.aliyuncs.com" },
      "b-1",
      "k",
      "https://b-1.oss-cn-hangzhou.aliyuncs.com/k",
    ],
    [
      "IP → path style",
      { region: "cn-hangzhou", endpoint: "http://127.0.0.1:9000" },
      "b-1",
      "k",
      "http://127.0.0.1:9000/b-1/k",
    ],
    [
      "localhost → path style",
      { region: "cn-hangzhou", endpoint: "http://localhost:9000" },
      "b-1",
      undefined,
      "http://localhost:9000/b-1/",
    ],
    [
      "forced path style",
      { region: "cn-hangzhou", usePathStyle: true },
      "b-1",
      "k",
      "https://oss-cn-hangzhou.aliyuncs.com/b-1/k",
    ],
    [
      "CNAME",
      { region: "cn-hangzhou", endpoint: "https://img.example.com", useCname: true },
      "b-1",
      "x/y.png",
      "https://img.example.com/x/y.png",
    ],
    [
      "CloudBox-like region",
      { region: "cb-123", endpoint: "cb-123.cn-hangzhou.oss-cloudbox.aliyuncs.com" },
      "b-1",
      "k",
      "https://b-1.cb-123.cn-hangzhou.oss-cloudbox.aliyuncs.com/k",
    ],
  ];
  for (const [name, options, bucket, key, expected] of cases) {
    it(name, () => expect(url(options, bucket, key)).toBe(expected));
  }

  const bad: Array<[string, Parameters<typeof resolveEndpoint>[0], string]> = [
    ["no region", {} as never, "region"],
    ["endpoint-style region", { region: "oss-cn-hangzhou" }, "region"],
    ["unknown protocol", { region: "cn-hangzhou", protocol: "ftp" as never }, "protocol"],
    [
      "endpoint with a path",
      { region: "cn-hangzhou", endpoint: "https://h.example/p" },
      "endpoint",
    ],
    [
      "endpoint with credentials",
      { region: "cn-hangzhou", endpoint: "https://u:p@h.example" },
      "endpoint",
    ],
    ["ftp endpoint", { region: "cn-hangzhou", endpoint: "ftp://h.example" }, "endpoint"],
    [
      "two special endpoints",
      { region: "cn-hangzhou", useInternalEndpoint: true, useAccelerateEndpoint: true },
      "useInternalEndpoint",
    ],
    [
      "CNAME and path style",
      { region: "cn-hangzhou", useCname: true, usePathStyle: true },
      "useCname",
    ],
  ];
  for (const [name, options, field] of bad) {
    it(`rejects ${name}`, () => {
      let error: unknown;
      try {
        resolveEndpoint(options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
    });
  }
});
