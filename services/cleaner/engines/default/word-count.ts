// Whitespace-separated words: the default engine has no model tokenizer, so usage counts these, and the
// parser's limits and cost per word are measured in them.
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}
