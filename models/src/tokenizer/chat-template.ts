// Renders conversations with the model's own Jinja chat template (tokenizer_config.json).
import { Template } from '@huggingface/jinja';
import { MprError } from '../../../lib/errors.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatTemplate {
  render(messages: ChatMessage[], addGenerationPrompt?: boolean): string;
}

export function compileChatTemplate(source: string | undefined, specialTokens: Record<string, string>): ChatTemplate {
  if (!source) {
    return {
      render: () => {
        throw new MprError('model_error', 'the model has no chat_template in tokenizer_config.json');
      },
    };
  }
  const template = new Template(source);
  return {
    render: (messages, addGenerationPrompt = true) =>
      template.render({ messages, add_generation_prompt: addGenerationPrompt, ...specialTokens }),
  };
}
