// Prompt templates of the LLM engines, keyed by the names the model manifest uses (`prompt:`). A
// template builds the chat messages a fine-tuned model was trained on; the model's own chat template
// (tokenizer_config.json) turns them into the prompt string.
import { MprError } from '../../lib/errors.ts';

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface DescriberPromptInput {
  text: string;
  instructions: string;
  schema: unknown;
}

export type CleanerTemplate = (text: string) => ChatTurn[];
export type DescriberTemplate = (input: DescriberPromptInput) => ChatTurn[];

const CLEANER_TEMPLATES: Readonly<Record<string, CleanerTemplate>> = {
  // The grammar adapter was tuned on "Fix: <text>" -> the corrected text only.
  'cleaner-fix-v1': (text) => [{ role: 'user', content: `Fix: ${text}` }],
  // The paraphrase adapters were tuned on "Paraphrase: <text>" -> the rewritten text only.
  'cleaner-paraphrase-v1': (text) => [{ role: 'user', content: `Paraphrase: ${text}` }],
};

const DESCRIBER_TEMPLATES: Readonly<Record<string, DescriberTemplate>> = {
  'describer-json-v1': ({ text, instructions, schema }) => [
    {
      role: 'system',
      content: `${instructions.trim()}\nAnswer with one JSON document that matches this JSON Schema, and nothing else:\n${JSON.stringify(schema)}`,
    },
    { role: 'user', content: text },
  ],
};

export const DEFAULT_CLEANER_TEMPLATE = 'cleaner-fix-v1';
export const PARAPHRASE_TEMPLATE = 'cleaner-paraphrase-v1';
export const DEFAULT_DESCRIBER_TEMPLATE = 'describer-json-v1';

function lookup<T>(templates: Readonly<Record<string, T>>, name: string, agent: string): T {
  const template = Object.hasOwn(templates, name) ? templates[name] : undefined;
  if (!template) {
    throw new MprError(
      'invalid_argument',
      `unknown ${agent} prompt template "${name}"; known: ${Object.keys(templates).join(', ')}`,
    );
  }
  return template;
}

export function cleanerTemplate(name: string | null = null): CleanerTemplate {
  return lookup(CLEANER_TEMPLATES, name ?? DEFAULT_CLEANER_TEMPLATE, 'cleaner');
}

export function describerTemplate(name: string | null = null): DescriberTemplate {
  return lookup(DESCRIBER_TEMPLATES, name ?? DEFAULT_DESCRIBER_TEMPLATE, 'describer');
}
