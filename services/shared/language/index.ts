// Cheap language identification shared by the agents: the cleaner decides what it may correct with
// it, the describer reports it; the stop-word lists also keep function words out of keywords.
export { UNDETERMINED_LANGUAGE, detectLanguage, languageWords, latinShare } from './detect-language.ts';
export { STOP_WORDS, isStopWord } from './stop-words.ts';
