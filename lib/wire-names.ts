// Protobuf enum values carry a type prefix (EDIT_KIND_SPELLING); JSON users and engines use the short
// lower-case name (spelling). One pair of functions converts in both directions.

export function enumToName(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length).toLowerCase() : value.toLowerCase();
}

export function nameToEnum(name: string, prefix: string): string {
  return `${prefix}${name.toUpperCase()}`;
}

export const EDIT_KIND_PREFIX = 'EDIT_KIND_';
export const SKIP_REASON_PREFIX = 'SKIP_REASON_';
export const PROCESS_MODE_PREFIX = 'PROCESS_MODE_';
