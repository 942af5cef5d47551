import { startLoopbackServer } from "@oss-kit/test-utils";
import { fetchTransport } from "../src/index";
import { describeTransport } from "./contract";

describeTransport(
  "fetch (Node's global fetch) over a loopback server",
  (options) => fetchTransport(options),
  async (handlers) => {
    const server = await startLoopbackServer(handlers);
    return { url: server.url, realSockets: true, close: () => server.close() };
  },
  { realSockets: true },
);
