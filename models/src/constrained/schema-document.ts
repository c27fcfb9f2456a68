// One schema document as written: its draft (from `$schema`; none means 2020-12, older spellings still
// understood), the base URI of every subschema (`$id`, or `id` in draft-04), anchors, and `$ref`
// resolution to local pointers, `$defs`/`definitions` and `$id`-relative URIs. Remote references are
// refused: nothing is fetched.
import { escapePointer, refuse } from './schema-refusal.ts';

export type Draft = '2020-12' | '2019-09' | '07' | '06' | '04';

const ROOT_URI = 'urn:mpr:schema';

/** Keywords whose value is one subschema, a list of them, or a map of them (every draft). */
const SCHEMA_VALUED = new Set([
  'additionalItems',
  'additionalProperties',
  'contains',
  'else',
  'if',
  'items',
  'not',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);
const SCHEMA_MAPS = new Set([
  '$defs',
  'definitions',
  'properties',
  'patternProperties',
  'dependentSchemas',
  'dependencies',
]);

export function draftOf(schema: unknown): Draft {
  const uri = isObject(schema) && typeof schema.$schema === 'string' ? schema.$schema : '';
  if (uri.includes('draft-04')) return '04';
  if (uri.includes('draft-06')) return '06';
  if (uri.includes('draft-07')) return '07';
  if (uri.includes('2019-09')) return '2019-09';
  return '2020-12';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A subschema with where it sits (JSON pointer, for messages) and the base URI its `$ref`s resolve against. */
export interface SchemaAt {
  readonly schema: unknown;
  readonly pointer: string;
  readonly base: string;
}

export class SchemaDocument {
  readonly root: unknown;
  readonly draft: Draft;
  private readonly resources = new Map<string, SchemaAt>();
  private readonly anchors = new Map<string, SchemaAt>();
  private readonly located = new WeakMap<object, SchemaAt>();

  constructor(root: unknown) {
    this.root = root;
    this.draft = draftOf(root);
    this.index(root, '#', ROOT_URI);
    if (!this.resources.has(ROOT_URI)) this.resources.set(ROOT_URI, { schema: root, pointer: '#', base: ROOT_URI });
  }

  get rootAt(): SchemaAt {
    return this.located.get(this.root as object) ?? { schema: this.root, pointer: '#', base: ROOT_URI };
  }

  /** Where an object of this document sits (every subschema reached while indexing). */
  at(schema: unknown, pointer: string, base: string): SchemaAt {
    return (isObject(schema) && this.located.get(schema)) || { schema, pointer, base };
  }

  private idOf(node: Record<string, unknown>): string | undefined {
    const id =
      this.draft === '04'
        ? (node.id ?? node.$id)
        : (node.$id ?? (typeof node.id === 'string' && node.id.startsWith('http') ? node.id : undefined));
    return typeof id === 'string' ? id : undefined;
  }

  private index(node: unknown, pointer: string, parentBase: string, depth = 0): void {
    if (depth > 200) refuse(pointer, '$ref', 'sits in a schema nested deeper than 200 levels');
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        this.index(item, `${pointer}/${i}`, parentBase, depth + 1);
      });
      return;
    }
    if (!isObject(node) || this.located.has(node)) return;
    let base = parentBase;
    const id = this.idOf(node);
    if (id !== undefined) {
      const resolved = resolveUri(id, parentBase);
      const [uri, fragment] = splitFragment(resolved);
      // A JSON-pointer fragment identifies nothing new (`"$id": "#/definitions/x"`, as some schemas write
      // it): it is ignored, rather than taking the whole document's place as a resource.
      if (fragment) {
        if (!fragment.startsWith('/')) this.anchors.set(`${uri}#${fragment}`, { schema: node, pointer, base: uri });
      } else {
        base = uri;
        this.resources.set(uri, { schema: node, pointer, base: uri });
      }
    }
    const here: SchemaAt = { schema: node, pointer, base };
    this.located.set(node, here);
    for (const anchorKey of ['$anchor', '$dynamicAnchor']) {
      const anchor = node[anchorKey];
      if (typeof anchor === 'string') this.anchors.set(`${base}#${anchor}`, here);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default') continue;
      const at = `${pointer}/${escapePointer(key)}`;
      if (SCHEMA_MAPS.has(key) && isObject(value)) {
        for (const [name, sub] of Object.entries(value))
          this.index(sub, `${at}/${escapePointer(name)}`, base, depth + 1);
      } else if (SCHEMA_VALUED.has(key) || SCHEMA_LISTS.has(key) || isObject(value) || Array.isArray(value)) {
        // Unknown keywords may hold schemas a pointer reaches (OpenAPI `components`); index them too.
        this.index(value, at, base, depth + 1);
      }
    }
  }

  /** The subschema a `$ref` (found at `pointer`, resolving against `base`) points to. */
  resolve(ref: string, base: string, pointer: string): SchemaAt {
    const absolute = resolveUri(ref, base);
    const [uri, fragment] = splitFragment(absolute);
    const resource = this.resources.get(uri) ?? (uri === '' ? this.resources.get(ROOT_URI) : undefined);
    if (!resource)
      refuse(pointer, '$ref', `points to "${ref}", outside this schema (remote references are not fetched)`);
    if (!fragment) return resource;
    if (!fragment.startsWith('/')) {
      const anchored = this.anchors.get(`${uri}#${fragment}`);
      if (!anchored) refuse(pointer, '$ref', `points to the unknown anchor "${ref}"`);
      return anchored;
    }
    let target: unknown = resource.schema;
    let at = resource.pointer;
    for (const raw of fragment.slice(1).split('/')) {
      const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      if (Array.isArray(target)) target = target[Number(key)];
      else if (isObject(target) && Object.hasOwn(target, key)) target = target[key];
      else refuse(pointer, '$ref', `points to "${ref}", which does not exist`);
      at = `${at}/${escapePointer(key)}`;
    }
    if (target !== true && target !== false && !isObject(target))
      refuse(pointer, '$ref', `points to "${ref}", which is not a schema`);
    return this.at(target, at, resource.base);
  }
}

function splitFragment(uri: string): [string, string] {
  const hash = uri.indexOf('#');
  return hash < 0 ? [uri, ''] : [uri.slice(0, hash), decodeURIComponent(uri.slice(hash + 1))];
}

/** RFC 3986 reference resolution (URL for hierarchical bases; plain concatenation for fragments). */
export function resolveUri(ref: string, base: string): string {
  if (ref.startsWith('#')) return `${splitFragment(base)[0]}${ref}`;
  try {
    return new URL(ref, base).href;
  } catch {
    try {
      return new URL(ref).href;
    } catch {
      // A base like urn:... cannot take relative paths: the reference names a resource of its own.
      return ref;
    }
  }
}
