import { AREA_PREFIX, AREAS, type Area, type Rule, type RuleContext, type Severity } from "./types.js";

export interface RuleDefinition {
  id: string;
  name: string;
  title: string;
  severity: Severity;
  prevents: string[];
  remediation: string;
  check(ctx: RuleContext): void;
}

const ID_PATTERN = /^([A-Z]+)-(\d{3})$/;
const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Declares a rule. Derives the area from the ID prefix and the docs path from area + name, and throws at load time
 * on a malformed id or name so that a typo fails every test at once.
 */
export function defineRule(def: RuleDefinition): Rule {
  const m = ID_PATTERN.exec(def.id);
  const area = m ? (AREAS.find((a) => AREA_PREFIX[a] === m[1]) as Area | undefined) : undefined;
  if (!m || !area) throw new Error(`rule id "${def.id}" must be AREA-NNN with AREA one of ${Object.values(AREA_PREFIX).join(", ")}`);
  if (!NAME_PATTERN.test(def.name)) throw new Error(`rule ${def.id}: name "${def.name}" must be kebab-case`);
  if (!def.remediation.trim()) throw new Error(`rule ${def.id}: remediation is empty`);
  return { ...def, area, docs: `checks/${area}/${def.name}.md` };
}
