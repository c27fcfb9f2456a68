// A text's sentences: split into spans of the original text, and the per-sentence answers merged back
// into one, edit offsets moved from each span into the whole text.
export { editsInText, mergeSentences, type SentenceOutcome } from './merge.ts';
export { splitSentences, type SentenceSpan } from './split.ts';
