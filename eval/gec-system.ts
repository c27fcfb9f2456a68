// The system under evaluation for grammatical error correction: a running gateway over HTTP, or a
// CleanerEngine in-process. Runs only see GecSystem, so a new engine kind needs no change to them.
import type { CleanerEngine } from '../services/cleaner/engine.ts';
import type { EngineInfo, TokenUsage } from '../services/shared/engine-types.ts';
import { postJson } from './http-client.ts';
import type { GenerationRecord } from './run-record.ts';
import { EngineSystemBase, HttpSystemBase, readEngine, readUsage } from './system-base.ts';

/** The part of an edit the report needs: offsets into the text that was sent, and the rule's name. */
export interface RuleEdit {
  start: number;
  end: number;
  replacement: string;
  rule: string;
}

export type { HttpSystemOptions } from './system-base.ts';

export interface GecCorrection {
  text: string;
  /** The system declined to run a model (already clean, unsupported language...). */
  skipped: boolean;
  /** The gateway could not reach the cleaner and returned the input unchanged. */
  degraded: boolean;
  usage: TokenUsage;
  latencyMs: number;
  engine: EngineInfo | undefined;
  /** Edits that name the rule that made them (rule-based cleaners), for the per-rule report. */
  ruleEdits?: RuleEdit[];
  /**
   * In-process engines: the process's CPU time for the answer (user + system). Unlike the wall time it
   * does not grow when other work shares the machine's cores.
   */
  cpuMs?: number;
}

/** The edits of an answer that name their rule; others (a model's diff) are left out. */
export function ruleEditsOf(edits: unknown): RuleEdit[] {
  if (!Array.isArray(edits)) return [];
  return edits.filter(
    (edit): edit is RuleEdit =>
      typeof edit === 'object' &&
      edit !== null &&
      typeof edit.rule === 'string' &&
      edit.rule !== '' &&
      typeof edit.start === 'number' &&
      typeof edit.end === 'number' &&
      typeof edit.replacement === 'string',
  );
}

export interface GecSystem {
  /** Where answers come from: a URL, or `engine:<id>`. */
  readonly target: string;
  readonly generation: GenerationRecord;
  /** Requests worth keeping in flight when the caller sets none. */
  readonly concurrency: number;
  correct(text: string, signal?: AbortSignal): Promise<GecCorrection>;
  close(): Promise<void>;
}

export class HttpGecSystem extends HttpSystemBase implements GecSystem {
  async correct(text: string, signal?: AbortSignal): Promise<GecCorrection> {
    const started = performance.now();
    const request = { text, generation: this.settings };
    const body = await postJson(`${this.target}/v1/clean`, request, { timeoutMs: this.timeoutMs, signal });
    const latencyMs = performance.now() - started;
    return {
      text: typeof body.cleanedText === 'string' ? body.cleanedText : text,
      skipped: body.skipped === true,
      degraded: body.degraded === true,
      usage: readUsage(body.usage),
      latencyMs,
      engine: readEngine(body.engine),
      ruleEdits: ruleEditsOf(body.edits),
    };
  }
}

export class EngineGecSystem extends EngineSystemBase<CleanerEngine> implements GecSystem {
  async correct(text: string, signal?: AbortSignal): Promise<GecCorrection> {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await this.engine.clean(text, { generation: this.settings, signal });
    const used = process.cpuUsage(cpu);
    return {
      text: result.cleanedText,
      skipped: false,
      degraded: false,
      usage: result.usage,
      latencyMs: performance.now() - started,
      engine: this.engine.info,
      ruleEdits: ruleEditsOf(result.edits),
      cpuMs: (used.user + used.system) / 1000,
    };
  }
}
