// `format` as patterns. Each is a subset of what ajv-formats (full mode) accepts, written without
// lookarounds so it compiles to an automaton; validators agree on everything produced here. Formats
// that restrict nothing (password, binary, unknown names) are annotations; int32 is a numeric range.
const HEX = '[0-9a-fA-F]';
const DATE =
  '(?:\\d{4}-(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|\\d{4}-(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|' +
  '\\d{4}-02-(?:0[1-9]|1\\d|2[0-8])|(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)';
const CLOCK = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?';
const ZONE = '(?:[zZ]|[+-](?:[01]\\d|2[0-3])(?::?[0-5]\\d)?)';
const TIME = `${CLOCK}${ZONE}`;
const DURATION_TIME = 'T(?:\\d+H(?:\\d+M)?(?:\\d+S)?|\\d+M(?:\\d+S)?|\\d+S)';
const DURATION_DATE = '(?:\\d+Y(?:\\d+M)?(?:\\d+D)?|\\d+M(?:\\d+D)?|\\d+D)';
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ATOM = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+";
// RFC 3986 pieces as ajv-formats writes them (its `uri` regex is case-insensitive).
const PCT = '%[0-9a-fA-F]{2}';
const SEGMENT = `(?:[a-zA-Z0-9._~!$&'()*+,;=:@-]|${PCT})*`;
const REG_NAME = `(?:[a-zA-Z0-9._~!$&'()*+,;=-]|${PCT})*`;
const QUERY = `(?:\\?(?:[a-zA-Z0-9._~!$&'()*+,;=:@/?-]|${PCT})*)?(?:#(?:[a-zA-Z0-9._~!$&'()*+,;=:@/?-]|${PCT})*)?`;
const SEGMENT_NZ = `(?:[a-zA-Z0-9._~!$&'()*+,;=:@-]|${PCT})+`;
// After the scheme: an authority and a path, or a path without one (urn:isbn:..., mailto:a@b.c, file:/x).
const HIER_PART = `(?://${REG_NAME}(?::\\d*)?(?:/${SEGMENT})*|/(?:${SEGMENT_NZ}(?:/${SEGMENT})*)?|${SEGMENT_NZ}(?:/${SEGMENT})*)`;
const URI = `[a-zA-Z][a-zA-Z0-9+.-]*:${HIER_PART}${QUERY}`;
const RELATIVE = `(?:[a-zA-Z0-9._~-]+(?:/${SEGMENT})*|/(?:[a-zA-Z0-9._~-]+(?:/${SEGMENT})*)?)?${QUERY}`;
const IPV6_FULL = `(?:${HEX}{1,4}:){7}${HEX}{1,4}`;
const IPV6_SHORT = `(?:${HEX}{1,4}:){1,6}:${HEX}{1,4}|::(?:${HEX}{1,4}:){0,5}${HEX}{1,4}|::`;

export interface FormatConstraint {
  readonly pattern: string;
  readonly maxLength?: number;
}

const FORMATS: Record<string, FormatConstraint> = {
  date: { pattern: `^${DATE}$` },
  time: { pattern: `^${TIME}$` },
  'date-time': { pattern: `^${DATE}[Tt]${TIME}$` },
  'iso-time': { pattern: `^${CLOCK}${ZONE}?$` },
  'iso-date-time': { pattern: `^${DATE}[Tt ]${CLOCK}${ZONE}?$` },
  duration: { pattern: `^P(?:\\d+W|${DURATION_DATE}(?:${DURATION_TIME})?|${DURATION_TIME})$` },
  email: { pattern: `^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+${LABEL}$` },
  hostname: { pattern: `^${LABEL}(?:\\.${LABEL})*$`, maxLength: 253 },
  ipv4: { pattern: `^(?:${OCTET}\\.){3}${OCTET}$` },
  ipv6: { pattern: `^(?:${IPV6_FULL}|${IPV6_SHORT})$` },
  uri: { pattern: `^${URI}$` },
  url: { pattern: `^https?://[a-z0-9]+(?:-[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)*\\.[a-z]{2,}(?:/${SEGMENT})*$` },
  'uri-reference': { pattern: `^(?:${URI}|${RELATIVE})$` },
  iri: { pattern: `^${URI}$` },
  'iri-reference': { pattern: `^(?:${URI}|${RELATIVE})$` },
  'uri-template': { pattern: '^[a-zA-Z0-9._~:/?#@!$&()*+,;=-]*$' },
  uuid: { pattern: `^(?:urn:uuid:)?${HEX}{8}-(?:${HEX}{4}-){3}${HEX}{12}$` },
  'json-pointer': { pattern: '^(?:/(?:[^~/]|~0|~1)*)*$' },
  'json-pointer-uri-fragment': { pattern: "^#(?:/(?:[a-zA-Z0-9_\\-.!$&'()*+,;:=@]|%[0-9a-fA-F]{2}|~0|~1)*)*$" },
  'relative-json-pointer': { pattern: '^(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)$' },
  byte: { pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$' },
  // A string that is always a valid regular expression: plain characters only.
  regex: { pattern: '^[a-zA-Z0-9 _-]*$' },
};

/** The pattern a string `format` compiles to; undefined for formats that constrain nothing. */
export function formatConstraint(format: string): FormatConstraint | undefined {
  return Object.hasOwn(FORMATS, format) ? FORMATS[format] : undefined;
}

/** Numeric formats ajv-formats checks, as integer bounds. */
export const NUMERIC_FORMATS: Record<string, { integer: boolean; minimum?: number; maximum?: number }> = {
  int32: { integer: true, minimum: -(2 ** 31), maximum: 2 ** 31 - 1 },
  int64: { integer: true },
};
