// Public API of the describer's tasks: named task schemas + instructions, the schema subset, validation.
export { DEFAULT_TASK, TASK_NAMES, getTask, isTaskName, isTaskSchema, listTasks } from './registry.ts';
export type { DescriberTask, TaskName } from './registry.ts';
export { DESCRIBE_SCHEMA, ENTITY_TYPES } from './describe-task.ts';
export type { EntityType } from './describe-task.ts';
export { DECISION_SCHEMA, DECISIONS } from './decision-task.ts';
export type { Decision } from './decision-task.ts';
export { TRAITS_SCHEMA, TRAIT_NAMES, TRAIT_EXPLANATION_MAX } from './traits-task.ts';
export type { TraitName } from './traits-task.ts';
export { DEFAULT_SCHEMA_LIMITS, SUPPORTED_TYPES, assertSupportedSchema, parseInlineSchema } from './schema-subset.ts';
export type { SchemaLimits, SchemaType } from './schema-subset.ts';
export { canonicalJson, compileInlineSchema, compileSchema, schemaHash, validateDocument } from './schema-validator.ts';
export type { DocumentValidator, SchemaValidation } from './schema-validator.ts';
