/**
 * Extracts the Azure Backup error codes a seed document names, so that the knowledge base is measured against the
 * seeds rather than against a list we typed.
 *
 * A token is an error code when it matches one of these, and only then:
 *
 * 1. Code-shaped identifiers, anywhere in the text (ASCII word boundaries, case-sensitive):
 *    - `UserError…` (starts with UserError) and `…UserError` (ends with UserError);
 *    - `CloudDos…`;
 *    - `Extension…` and `WorkloadExtension…` (an upper-case letter after "Extension"), except file names such as
 *      `ExtensionSettingsOverrides.json` (an identifier followed by `.` and a letter is a file name, not a code);
 *    - VSS error names `VSS_E_…` and VSS HRESULTs `0x8004xxxx`.
 * 2. Tokens in an error-code position, whatever their shape:
 *    - a Markdown heading whose whole text is one CamelCase identifier (`### AutoProtectionCancelledOrNotValid`);
 *    - what follows an "Error code:" label (`错误代码：` on the Chinese page, `Error code:` / `**Error code**:` in
 *      English) up to the end of the line, `<` or the "Error message" label: identifiers with an upper-case letter and
 *      six-digit numeric codes (`320001，ResourceNotFound`), separated by commas, slashes or spaces.
 *
 * Numbers are codes only in that label position: a six-digit version number elsewhere (`4.9.4-110537`) is not.
 */

const IDENTIFIER_PATTERNS: RegExp[] = [
  /\bUserError[A-Za-z0-9]+\b/g,
  /\b[A-Z][A-Za-z0-9]*UserError\b/g,
  /\bCloudDos[A-Za-z0-9]*\b/g,
  /\b(?:Workload)?Extension[A-Z][A-Za-z0-9]*\b(?!\.[A-Za-z])/g,
  /\bVSS_E_[A-Z_]+\b/g,
  /\b0x8004[0-9A-Fa-f]{4}\b/g,
];

const HEADING_CODE = /^#{2,6}[ \t]+([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)[ \t]*$/gm;
const LABEL = /(?:错误代码|Error code)(?:\*\*)?[ \t]*[：:][ \t]*(?:\*\*)?([^\n<]*)/g;
const LABEL_END = /(?:错误消息|Error message)/;
const LABEL_TOKEN = /^(?:[A-Za-z][A-Za-z0-9_-]*[A-Z][A-Za-z0-9_-]*|[A-Z][A-Za-z0-9_-]+|\d{6})$/;

export function extractErrorCodes(text: string): Set<string> {
  const codes = new Set<string>();
  for (const pattern of IDENTIFIER_PATTERNS) for (const m of text.matchAll(pattern)) codes.add(m[0]);
  for (const m of text.matchAll(HEADING_CODE)) codes.add(m[1]!);
  for (const m of text.matchAll(LABEL)) {
    const rest = m[1]!.split(LABEL_END)[0]!;
    for (const token of rest.split(/[，,/\s"“”]+/)) {
      const t = token.replace(/^[*_`]+|[*_`.;:]+$/g, "");
      if (t && LABEL_TOKEN.test(t)) codes.add(t);
    }
  }
  return codes;
}
