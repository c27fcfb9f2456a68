// One of a fixed set of JSON texts (enum, const, true/false, null), matched through its byte trie.
import type { LiteralTrieNode, SchemaNode } from '../schema-ir.ts';
import { DELEGATE, POP } from './frame.ts';
import type { Frame, StepResult } from './frame.ts';

type LiteralNode = Extract<SchemaNode, { kind: 'literal' }>;

export class LiteralFrame implements Frame {
  readonly node: LiteralNode;
  readonly at: LiteralTrieNode;

  constructor(node: LiteralNode, at: LiteralTrieNode = node.root) {
    this.node = node;
    this.at = at;
  }

  get canEnd(): boolean {
    return this.at.terminal;
  }

  step(byte: number): StepResult {
    const child = this.at.children.get(byte);
    if (!child) return this.at.terminal ? DELEGATE : null;
    // A literal that nothing extends (a string, an object, true...) ends on its own last byte.
    if (child.terminal && child.children.size === 0) return POP;
    return new LiteralFrame(this.node, child);
  }

  closing(): string {
    return this.at.minSuffix;
  }

  key(): string {
    return `l${this.node.id},${this.at.index}`;
  }

  maskKey(): string {
    return this.key();
  }
}
