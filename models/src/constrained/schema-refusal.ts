// The one way the schema compiler says no: `unsupported_schema` naming the JSON pointer and keyword, so
// callers (and `mpr eval schemas`) can tell which keyword of which subschema was refused and why.
import { MprError } from '../../../lib/errors.ts';

export class SchemaRefusal extends MprError {
  readonly pointer: string;
  readonly keyword: string;

  constructor(pointer: string, keyword: string, why: string) {
    super('unsupported_schema', `schema at ${pointer || '#'}: "${keyword}" ${why}`);
    this.pointer = pointer || '#';
    this.keyword = keyword;
  }
}

export function refuse(pointer: string, keyword: string, why: string): never {
  throw new SchemaRefusal(pointer, keyword, why);
}

export function unsatisfiable(pointer: string, keyword: string, why: string): never {
  throw new SchemaRefusal(pointer, keyword, `makes the schema unsatisfiable: ${why}`);
}

export function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
