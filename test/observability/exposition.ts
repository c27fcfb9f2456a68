// Reads samples out of the Prometheus text exposition format, for tests.

function parseLabels(raw: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of raw.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[match[1]!] = match[2]!;
  return labels;
}

/** Value of the one series of `name` whose labels include `labels`; undefined when none matches. */
export function sampleValue(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const values: number[] = [];
  for (const line of exposition.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const series = parseLabels(match[2] ?? '');
    if (Object.entries(labels).every(([key, value]) => series[key] === value)) values.push(Number(match[3]));
  }
  if (values.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${values.length} series`);
  return values[0];
}

/** Every label set of `name` present in the exposition. */
export function seriesOf(exposition: string, name: string): Record<string, string>[] {
  return exposition
    .split('\n')
    .map((line) => /^(\w+)(?:\{(.*)\})? \S+$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[1] === name)
    .map((match) => parseLabels(match[2] ?? ''));
}
