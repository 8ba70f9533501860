import { jsonReporter } from "./json.js";
import type { Reporter } from "./types.js";

// Placeholder until the junit reporter lands: falls back to JSON so the CLI stays usable.
export const junitReporter: Reporter = (report, options) => jsonReporter(report, options);
