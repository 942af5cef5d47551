import { interceptFetch } from "@oss-kit/test-utils";
import { fetchTransport } from "../src/index";
import { describeTransport } from "./contract";

describeTransport(
  "fetch under msw setupServer",
  (options) => fetchTransport(options),
  async (handlers) => {
    const mock = interceptFetch(handlers);
    return { url: mock.url, realSockets: false, close: () => mock.close() };
  },
  { realSockets: false },
);
