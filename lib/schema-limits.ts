// Limits on the inline JSON Schema of a describe call, checked where jw1 receives it (HTTP and gRPC)
// before it travels to the describer: its size, its nesting, how many `$ref`s it has, and how large it
// becomes once its references are expanded. The last one stops a schema of a few hundred bytes whose
// definitions each reference the previous one twice (2^n nodes once expanded) from costing a validator
// or grammar compiler exponential time. References that point back into themselves (recursive schemas)
// count once; references that cannot be resolved here count as one node.
import { MprError } from './errors.ts';
import { assertJsonDepth } from './json-limits.ts';

export interface SchemaLimits {
  maxBytes: number;
  maxDepth: number;
  maxRefs: number;
  maxExpandedNodes: number;
}

const REFERENCE_KEYS = ['$ref', '$dynamicRef', '$recursiveRef'];
/** Deepest nesting once references are followed; also keeps this check's own recursion off the stack limit. */
const MAX_EXPANDED_DEPTH = 1_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function children(value: Json): Json[] {
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.values(value);
  return [];
}

function pointerTarget(root: Json, pointer: string): Json | undefined {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let at: Json | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(at)) at = at[Number(token)];
    else if (isObject(at)) at = Object.hasOwn(at, token) ? at[token] : undefined;
    else return undefined;
  }
  return at;
}

/** Resolves references by JSON pointer, anchor and `$id`, within the one document. */
function referenceResolver(root: Json): (reference: string) => Json | undefined {
  const byId = new Map<string, Json>();
  const byAnchor = new Map<string, Json>();
  const index = (value: Json) => {
    const stack = [value];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (isObject(node)) {
        if (typeof node.$id === 'string') byId.set(node.$id.replace(/#$/, ''), node);
        for (const key of ['$anchor', '$dynamicAnchor']) {
          if (typeof node[key] === 'string') byAnchor.set(node[key] as string, node);
        }
      }
      stack.push(...children(node));
    }
  };
  index(root);
  return (reference) => {
    const hash = reference.indexOf('#');
    const base = hash < 0 ? reference : reference.slice(0, hash);
    const fragment = hash < 0 ? '' : reference.slice(hash + 1);
    const document = base === '' ? root : byId.get(base);
    if (document === undefined) return undefined;
    if (fragment === '' || fragment.startsWith('/')) return pointerTarget(document, fragment);
    return byAnchor.get(fragment);
  };
}

function tooLarge(message: string): MprError {
  return new MprError('schema_too_large', `inline schema ${message}`);
}

/** Throws schema_too_large (or json_too_deep) when the schema, as JSON text, is over a limit. */
export function checkInlineSchema(schemaJson: string, limits: SchemaLimits): void {
  const bytes = Buffer.byteLength(schemaJson, 'utf8');
  if (bytes > limits.maxBytes) throw tooLarge(`is ${bytes} bytes; at most ${limits.maxBytes} are accepted`);
  assertJsonDepth(schemaJson, limits.maxDepth, 'inline schema');
  let root: Json;
  try {
    root = JSON.parse(schemaJson) as Json;
  } catch {
    // Not JSON: the describer answers that with its own typed error.
    return;
  }
  let references = 0;
  const countStack: Json[] = [root];
  while (countStack.length > 0) {
    const node = countStack.pop()!;
    if (isObject(node)) for (const key of REFERENCE_KEYS) if (typeof node[key] === 'string') references++;
    countStack.push(...children(node));
  }
  if (references > limits.maxRefs) {
    throw tooLarge(`has ${references} references ($ref); at most ${limits.maxRefs} are accepted`);
  }
  const resolve = referenceResolver(root);
  const sizes = new Map<Json, number>();
  const expanding = new Set<Json>();
  // Nodes of `node` with every resolvable reference replaced by its target, memoised per node.
  const expandedSize = (node: Json, depth: number): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (expanding.has(node)) return 1;
    if (depth > MAX_EXPANDED_DEPTH) {
      throw tooLarge(`nests more than ${MAX_EXPANDED_DEPTH} levels deep once its references are followed`);
    }
    expanding.add(node);
    let size = 1;
    for (const child of children(node)) {
      size += expandedSize(child, depth + 1);
      if (size > limits.maxExpandedNodes) break;
    }
    if (isObject(node)) {
      for (const key of REFERENCE_KEYS) {
        const reference = node[key];
        if (typeof reference !== 'string' || size > limits.maxExpandedNodes) continue;
        const target = resolve(reference);
        if (target !== undefined) size += expandedSize(target, depth + 1);
      }
    }
    expanding.delete(node);
    sizes.set(node, size);
    return size;
  };
  if (expandedSize(root, 0) > limits.maxExpandedNodes) {
    throw tooLarge(`expands to more than ${limits.maxExpandedNodes} nodes through its references`);
  }
}
