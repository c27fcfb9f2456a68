// The facts under a result: engine (and adapter), skip reason, timings, tokens, transport.
import { h } from './dom.ts';
import type { EngineInfo, Timings, Usage } from './types.ts';

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function engineText(engine: EngineInfo): string {
  const provider = engine.executionProvider ? ` on ${engine.executionProvider}` : '';
  return `${engine.id} ${engine.version} (${engine.kind}${provider})`;
}

/** Timings that apply (a rules engine has no prefill or decode). */
export function timingText(timings: Timings): string {
  const parts = [`total ${formatMs(timings.totalMs)}`];
  if (timings.queueMs > 0) parts.push(`queue ${formatMs(timings.queueMs)}`);
  if (timings.prefillMs > 0) parts.push(`prefill ${formatMs(timings.prefillMs)}`);
  if (timings.timeToFirstTokenMs > 0) parts.push(`first token ${formatMs(timings.timeToFirstTokenMs)}`);
  if (timings.decodeTokensPerSecond > 0) parts.push(`${timings.decodeTokensPerSecond.toFixed(1)} tokens/s`);
  return parts.join(' · ');
}

export type Fact = [term: string, value: string | Node, key: string];

export function commonFacts(
  engine: EngineInfo,
  timings: Timings,
  usage: Usage,
  call: { elapsedMs: number; streamed: boolean },
): Fact[] {
  const facts: Fact[] = [['Engine', engineText(engine), 'engine']];
  if (typeof engine.adapter === 'string' && engine.adapter) facts.push(['Adapter', engine.adapter, 'adapter']);
  facts.push(['Timings', timingText(timings), 'timings']);
  if (usage.inputTokens > 0 || usage.outputTokens > 0)
    facts.push(['Tokens', `${usage.inputTokens} in · ${usage.outputTokens} out`, 'tokens']);
  facts.push([
    'Round trip',
    `${formatMs(call.elapsedMs)} ${call.streamed ? '(streamed)' : '(single answer)'}`,
    'round-trip',
  ]);
  return facts;
}

export function factList(facts: Fact[]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    ...facts.map(([term, value, key]) =>
      h('div', { class: 'fact', 'data-fact': key }, h('dt', {}, term), h('dd', {}, value)),
    ),
  );
}
