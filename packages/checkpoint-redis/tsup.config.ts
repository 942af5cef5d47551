import { packageBuild } from "../../tsup.base";

export default packageBuild({ inline: ["@oss-kit/errors"] });
