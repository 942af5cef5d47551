import { packageBuild } from "../../tsup.base";

export default packageBuild({
  entry: { index: "src/index.ts", handlers: "src/handlers-entry.ts", cli: "src/cli.ts" },
});
