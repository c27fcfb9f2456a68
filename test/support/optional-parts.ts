// The optional parts some tests need, each with how to get it. Kept free of imports so the summary
// reporter (in vitest's main process) can name them without loading what they probe.

export const OPTIONAL_PARTS = {
  'link-grammar': {
    label: 'link-grammar',
    howToGet: 'apt install liblink-grammar5 link-grammar-dictionaries-en',
  },
  sphinxbase: {
    label: 'sphinxbase trigram model',
    howToGet: 'apt install libsphinxbase3 pocketsphinx-en-us',
  },
  prometheus: { label: 'prometheus', howToGet: 'apt install prometheus' },
  'python-grpcio': {
    label: 'python grpcio',
    howToGet: 'apt install python3-grpcio python3-grpc-tools',
  },
  kubectl: { label: 'kubectl', howToGet: 'apt install kubectl, from the Kubernetes apt repository' },
  chromium: { label: 'chromium', howToGet: 'apt install chromium' },
  'redis-server': { label: 'redis-server', howToGet: 'apt install redis-server' },
  jfleg: { label: 'jfleg data', howToGet: '../shared/data/jfleg: dev.src, dev.spellchecked.src, dev.ref0..3' },
} as const satisfies Record<string, { label: string; howToGet: string }>;

export type OptionalPartName = keyof typeof OPTIONAL_PARTS;

/** Set to 1 (as .ci/run does) to make a missing part fail the tests that need it instead of skipping them. */
export const REQUIRE_OPTIONAL_ENV = 'MPR_REQUIRE_OPTIONAL';

export function isOptionalPartName(name: unknown): name is OptionalPartName {
  return typeof name === 'string' && Object.hasOwn(OPTIONAL_PARTS, name);
}

/** `label (how to get it)`, as the summary line names a part. */
export function describePart(name: OptionalPartName): string {
  const part = OPTIONAL_PARTS[name];
  return `${part.label} (${part.howToGet})`;
}

declare module 'vitest' {
  interface TaskMeta {
    /** The absent optional parts a skipped test needed (set on the suite, inherited by its tests). */
    optionalParts?: OptionalPartName[];
    /** Why each of them is absent, in the same order. */
    optionalReasons?: string[];
  }
}
