import { packageBuild } from "../../tsup.base";

export default packageBuild({
  entry: { index: "src/index.ts", web: "src/web.ts" },
  inline: ["@oss-kit/errors"],
});
