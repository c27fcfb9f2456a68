// Tolerant reading of an unconstrained model answer: the JSON value may sit in a code fence or between
// chatter ("Here is the JSON: {...} Let me know..."). Used only when constrained decoding is off.

const FENCE = /```[\w-]*[ \t]*\n?([\s\S]*?)```/g;

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** End (exclusive) of the bracketed value opening at `start`, skipping brackets inside strings. */
function balancedEnd(text: string, start: number): number {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '{' || ch === '[') {
      stack.push(ch === '{' ? '}' : ']');
    } else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** The first JSON value in a model's answer, or undefined when there is none. */
export function extractJson(answer: string): { found: true; value: unknown } | { found: false } {
  const candidates = [answer.trim(), ...[...answer.matchAll(FENCE)].map((m) => m[1]!.trim())];
  for (const candidate of candidates) {
    const parsed = tryParse(candidate);
    if (parsed.ok) return { found: true, value: parsed.value };
  }
  for (const candidate of candidates) {
    for (let start = candidate.search(/[{[]/); start >= 0; ) {
      const end = balancedEnd(candidate, start);
      if (end > 0) {
        const parsed = tryParse(candidate.slice(start, end));
        if (parsed.ok) return { found: true, value: parsed.value };
      }
      const next = candidate.slice(start + 1).search(/[{[]/);
      start = next < 0 ? -1 : start + 1 + next;
    }
  }
  return { found: false };
}
