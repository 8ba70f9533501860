import { jsonReporter } from "./json.js";
import { junitReporter } from "./junit.js";
import { markdownReporter } from "./markdown.js";
import { sarifReporter } from "./sarif.js";
import { textReporter } from "./text.js";
import type { Format, Reporter } from "./types.js";

export { FORMATS, type Format, type Reporter, type ReporterOptions } from "./types.js";

export const reporters: Record<Format, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  junit: junitReporter,
  markdown: markdownReporter,
};
