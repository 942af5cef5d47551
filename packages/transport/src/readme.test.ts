import { resolve } from "node:path";
import { testReadmeExamples } from "../../../scripts/readme-examples";

testReadmeExamples(resolve(import.meta.dirname, ".."));
