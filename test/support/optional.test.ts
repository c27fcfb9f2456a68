// The skip helper's own rules: a suite needing several parts is skipped when any is absent and names each
// absent one; the run's summary line names every skipped part with how to get it.
import { describe, expect, it } from 'vitest';
import { needsAll, type OptionalPart } from './optional.ts';
import { summaryLine } from './optional-reporter.ts';

const present: OptionalPart = { name: 'kubectl', available: true, reason: '', options: {} };
const absent = (name: OptionalPart['name'], reason: string): OptionalPart => ({
  name,
  available: false,
  reason,
  options: { skip: true },
});

describe('needsAll', () => {
  it('runs when every part is there', () => {
    expect(needsAll(present, present)).toEqual({});
  });

  it('skips when any part is absent, naming each absent part and why', () => {
    expect(needsAll(present, absent('jfleg', 'no files'), absent('link-grammar', 'no library'))).toEqual({
      skip: true,
      meta: { optionalParts: ['jfleg', 'link-grammar'], optionalReasons: ['no files', 'no library'] },
    });
  });
});

describe('summaryLine', () => {
  it('says when no part was skipped', () => {
    expect(summaryLine(new Set())).toBe('optional parts skipped: none');
  });

  it('names every skipped part once, with how to get it', () => {
    expect(summaryLine(new Set(['link-grammar', 'jfleg']))).toBe(
      'optional parts skipped: jfleg data (../shared/data/jfleg: dev.src, dev.spellchecked.src, dev.ref0..3), ' +
        'link-grammar (apt install liblink-grammar5 link-grammar-dictionaries-en)',
    );
  });
});
