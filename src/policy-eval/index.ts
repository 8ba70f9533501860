/**
 * A pure policy evaluator over the model: which Azure Policy assignments would stop a request (a resource about to
 * be created or deleted), with reasons, in three-valued logic. See evaluate.ts.
 */
export { assignmentCovers, evaluatePolicies, describeScope, type EvaluateOptions, type PolicyVerdict, type TargetEvaluation, type ExemptionMatch } from "./evaluate.js";
export { evaluateCondition, likeMatches, matchMatches, type ConditionContext } from "./conditions.js";
export { evaluateExpression, evaluateValue, isExpression, Unevaluable, type ExpressionScope } from "./expressions.js";
export { resolveField, tagNameOf, type FieldValue } from "./fields.js";
export { builtinDefinition, builtinGuid, builtinSetGuid, embeddedBuiltinIds, embeddedBuiltinSetIds, parameterGatedSet, showCommandFor, CONFIGURE_BACKUP_NEW_VAULT_DEFINITIONS } from "./builtins.js";
export { assignmentIdOf, assignmentLabel, assignmentScopeOf, findDefinition, instancesOf, resolveAdvice, type PolicyInstance } from "./resolve.js";
export { managementGroupsAbove, parseScope, scopeContains, type ParsedScope } from "./scope.js";
export { describeRequirement, tagRequirements } from "./requirements.js";
export { triAnd, triNot, triOr, type DefinitionData, type PolicyTarget, type TagRequirement, type Tri } from "./types.js";
export { RESOURCE_GROUP_TYPE, resourceGroupTarget, resourceTarget } from "./targets.js";
