// Ends a vitest run with one line naming every optional part whose tests were skipped, and how to get
// it (or that none was); above it, one line per test file that skipped, with the reason.
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { describePart, isOptionalPartName, type OptionalPartName } from './optional-parts.ts';

export function summaryLine(parts: ReadonlySet<OptionalPartName>): string {
  if (parts.size === 0) return 'optional parts skipped: none';
  return `optional parts skipped: ${[...parts].sort().map(describePart).join(', ')}`;
}

export default class OptionalPartsReporter implements Reporter {
  private log: (line: string) => void = (line) => process.stdout.write(`${line}\n`);

  onInit(vitest: Vitest): void {
    this.log = (line) => vitest.logger.log(line);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skippedParts = new Set<OptionalPartName>();
    const lines: string[] = [];
    for (const module of [...testModules].sort((a, b) => a.relativeModuleId.localeCompare(b.relativeModuleId))) {
      const reasons = new Map<string, number>();
      for (const test of module.children.allTests('skipped')) {
        const { optionalParts = [], optionalReasons = [] } = test.meta();
        optionalParts.forEach((name, index) => {
          if (!isOptionalPartName(name)) return;
          skippedParts.add(name);
          const reason = `${name} absent (${optionalReasons[index] ?? 'no reason given'})`;
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        });
      }
      for (const [reason, count] of reasons) lines.push(` ↓ ${module.relativeModuleId}: ${count} skipped, ${reason}`);
    }
    for (const line of lines) this.log(line);
    this.log(summaryLine(skippedParts));
  }
}
