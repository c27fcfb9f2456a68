// A small Dockerfile reader for structural checks (no engine can build images on these machines):
// instructions with continuation lines joined, stages, and global ARG defaults substituted in FROM.

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  /** The FROM reference with global ARG defaults substituted. */
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  globalArgs: Record<string, string>;
  stages: Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let pending: { parts: string[]; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    // Comment lines are dropped, also inside a continued instruction (as BuildKit does).
    if (line.startsWith('#') || (line === '' && !pending)) return;
    const continued = line.endsWith('\\');
    const content = continued ? line.slice(0, -1).trim() : line;
    if (pending) pending.parts.push(content);
    else pending = { parts: [content], line: index + 1 };
    if (continued) return;
    const joined = pending.parts.filter(Boolean).join(' ');
    const [keyword = '', ...rest] = joined.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pending.line });
    pending = undefined;
  });

  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  const substitute = (value: string) =>
    value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (whole, a?: string, b?: string) => globalArgs[(a ?? b)!] ?? whole,
    );
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`line ${instruction.line}: cannot read FROM ${instruction.args}`);
      stages.push({ name: match[2] ?? String(stages.length), from: substitute(match[1]!), instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG')
        throw new Error(`line ${instruction.line}: only ARG may precede the first FROM`);
      const [name, value = ''] = instruction.args.split('=', 2) as [string, string?];
      globalArgs[name] = substitute(value);
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

export function stage(dockerfile: Dockerfile, name: string): Stage {
  const found = dockerfile.stages.find((s) => s.name === name);
  if (!found) throw new Error(`Dockerfile has no stage ${name}`);
  return found;
}

export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** LABEL/ENV key=value pairs (quoted values unquoted); the Dockerfile uses no legacy "ENV k v" form. */
export function keyValues(instructions: Instruction[]): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const { args } of instructions) {
    for (const match of args.matchAll(/([A-Za-z0-9_.-]+)=("(?:[^"\\]|\\.)*"|\S+)/g)) {
      const value = match[2]!;
      pairs[match[1]!] = value.startsWith('"') ? value.slice(1, -1) : value;
    }
  }
  return pairs;
}

/** The `npm sbom ...` arguments the prod-deps stage runs, and the file it writes. */
export function sbomStep(dockerfile: Dockerfile): { args: string[]; output: string } {
  const run = instructionsOf(stage(dockerfile, 'prod-deps'), 'RUN')
    .map((i) => i.args)
    .join(' && ');
  const match = /\bnpm (sbom [^>&]+?)\s*>\s*(\S+)/.exec(run);
  if (!match) throw new Error('the prod-deps stage writes no SBOM with npm sbom');
  return { args: match[1]!.split(/\s+/), output: match[2]! };
}
