import { jsonReporter } from "./json.js";
import type { Reporter } from "./types.js";

// Placeholder until the markdown reporter lands: falls back to JSON so the CLI stays usable.
export const markdownReporter: Reporter = (report, options) => jsonReporter(report, options);
