import { startLoopbackServer } from "@oss-kit/test-utils";
import { undiciTransport } from "../src/index";
import { describeTransport } from "./contract";

describeTransport(
  "undici over a loopback server",
  (options) => undiciTransport(options),
  async (handlers) => {
    const server = await startLoopbackServer(handlers);
    return { url: server.url, realSockets: true, close: () => server.close() };
  },
  { realSockets: true },
);
