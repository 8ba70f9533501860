/**
 * Stable URLs that reports put in front of users and code-scanning tools. Docs paths in findings are
 * repository-relative (`checks/sql/log-backup-needs-full-recovery.md`); reports that leave the checkout (SARIF,
 * Markdown job summaries) turn them into links to the project's published sources.
 */
export const REPOSITORY_URL = "https://github.com/backupguard/backupguard";
/** The branch the published docs are read from. */
export const DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main/`;

/** `checks/sql/x.md` → `https://github.com/backupguard/backupguard/blob/main/checks/sql/x.md`. */
export function docsUrl(docsPath: string): string {
  if (/^https?:\/\//i.test(docsPath)) return docsPath;
  return DOCS_BASE_URL + docsPath.replace(/\\/g, "/").replace(/^\.?\//, "").split("/").map(encodeURIComponent).join("/");
}

/** The command a user runs to read the knowledge-base entry for an Azure error code. */
export function explainCommand(code: string): string {
  return `backupguard explain ${code}`;
}
