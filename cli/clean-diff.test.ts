// `mpr clean --diff`: an inline diff on a terminal (coloured, or marked with [-…-]{+…+} without colours),
// JSON otherwise. The terminal decision is a parameter here; the CLI is also run for real with stdout
// piped (JSON) and under a pseudo-terminal from util-linux's `script` (the diff).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/config.ts';
import { loadCleanerEngine } from '../services/engine-factory.ts';
import { type CleanAnswer, formatClean } from './clean-diff.ts';

const TEXT = 'She go to scool . I has and and a pear.';
const answer: CleanAnswer = {
  cleanedText: 'She goes to school. I have and a pear.',
  edits: [
    { start: 10, end: 15, original: 'scool', replacement: 'school', kind: 'spelling', message: 'spelling: "school"' },
    { start: 4, end: 6, original: 'go', replacement: 'goes', kind: 'grammar', message: 'agreement with "She"' },
    { start: 15, end: 17, original: ' .', replacement: '.', kind: 'punctuation', message: '' },
    { start: 20, end: 23, original: 'has', replacement: 'have', kind: 'grammar', message: '' },
    { start: 24, end: 28, original: 'and ', replacement: '', kind: 'repeated_word', message: 'repeated word "and"' },
  ],
  skipped: false,
  skipReason: null,
  engine: { id: 'jw2-rules', version: '1.0.0' },
};
const BIN = new URL('../bin/mpr.js', import.meta.url).pathname;

/** The plain diff with the removed parts dropped and the inserted ones unwrapped. */
function applied(diff: string): string {
  return diff.replace(/\[-[\s\S]*?-\]/g, '').replace(/\{\+([\s\S]*?)\+\}/g, '$1');
}

describe('formatClean', () => {
  it('prints JSON when stdout is not a terminal, --diff or not', () => {
    for (const diff of [true, false]) {
      const printed = formatClean(TEXT, answer, diff, { terminal: false, colors: false });
      expect(JSON.parse(printed)).toEqual(answer);
    }
    expect(JSON.parse(formatClean(TEXT, answer, false, { terminal: true, colors: true }))).toEqual(answer);
  });

  it('prints a coloured inline diff on a colour terminal', () => {
    const printed = formatClean(TEXT, answer, true, { terminal: true, colors: true });
    const [diffLine] = printed.split('\n');
    // Removed: red and struck through; inserted: green and underlined.
    expect(diffLine).toContain('\u001b[31m\u001b[9mgo\u001b[29m\u001b[39m\u001b[32m\u001b[4mgoes\u001b[24m\u001b[39m');
    expect(diffLine).toContain(' \u001b[31m\u001b[9mand \u001b[29m\u001b[39mand a pear.');
    expect(stripVTControlCharacters(diffLine!)).toBe('She gogoes to scoolschool .. I hashave and and a pear.');
    const lines = stripVTControlCharacters(printed).split('\n');
    expect(lines[2]).toBe('5 edits by jw2-rules 1.0.0');
    expect(lines[3]).toMatch(/^ {2}4-6 +grammar +"go" → "goes" {2}agreement with "She"$/);
    expect(lines.slice(3, 8).map((line) => line.trim().split(/\s+/)[0])).toEqual([
      '4-6',
      '10-15',
      '15-17',
      '20-23',
      '24-28',
    ]);
  });

  it('marks the diff with [-…-]{+…+} on a terminal without colours, and the marks give the cleaned text', () => {
    const printed = formatClean(TEXT, answer, true, { terminal: true, colors: false });
    const [diffLine] = printed.split('\n');
    expect(diffLine).toBe('She [-go-]{+goes+} to [-scool-]{+school+}[- .-]{+.+} I [-has-]{+have+} [-and -]and a pear.');
    expect(applied(diffLine!)).toBe(answer.cleanedText);
    expect(printed).not.toContain('\u001b[');
  });

  it('says why when nothing was sent to the cleaner', () => {
    const skipped = { ...answer, cleanedText: 'Fine.', edits: [], skipped: true, skipReason: 'already_clean' };
    expect(formatClean('Fine.', skipped, true, { terminal: true, colors: false })).toBe(
      'Fine.\n\nno edits: skipped (already_clean) by jw2-rules 1.0.0\n',
    );
  });

  it("rebuilds the cleaned text from the embedded engine's own edits", async () => {
    const engine = await loadCleanerEngine(loadConfig({}, {}));
    try {
      for (const text of [
        TEXT,
        'hi team, i recieve the the report yesterday .',
        'Their is a error in it untill friday ?',
      ]) {
        const result = await engine.clean(text);
        const diffLine = formatClean(text, { ...result, engine: engine.info }, true, {
          terminal: true,
          colors: false,
        }).split('\n')[0]!;
        expect(applied(diffLine), text).toBe(result.cleanedText);
      }
    } finally {
      await engine.close?.();
    }
  });
});

describe('mpr clean --diff, run', () => {
  it('prints JSON into a pipe', () => {
    const printed = execFileSync(process.execPath, [BIN, 'clean', '--diff', 'She go to scool .'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(printed).cleanedText).toBe('She goes to school.');
  });

  it.skipIf(!existsSync('/usr/bin/script'))(
    'prints the coloured diff on a terminal (skipped: no util-linux script)',
    () => {
      // `script` gives the command a pseudo-terminal; its output is what the terminal showed.
      const command = `'${process.execPath}' '${BIN}' clean --diff 'She go to scool .'`;
      const shown = execFileSync('/usr/bin/script', ['-qec', command, '/dev/null'], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm-256color' },
      });
      expect(shown).toContain(
        '\u001b[31m\u001b[9mscool\u001b[29m\u001b[39m\u001b[32m\u001b[4mschool\u001b[24m\u001b[39m',
      );
      expect(stripVTControlCharacters(shown).replaceAll('\r', '')).toContain('edits by jw2-rules');
    },
  );
});
