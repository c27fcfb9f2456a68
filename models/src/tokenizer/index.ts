export { loadModelTokenizer, type ModelTokenizer } from './model-tokenizer.ts';
export { compileChatTemplate, type ChatMessage, type ChatTemplate } from './chat-template.ts';
export { bytesToByteLevel, byteLevelToBytes } from './byte-level.ts';
