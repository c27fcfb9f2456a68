// Link Grammar (the CMU/AbiWord English parser, Debian's liblink-grammar5) as a grammaticality signal
// for jw2's cheap checker. A sentence the parser links completely, at a low disjunct cost, is very
// likely grammatical; one with no complete linkage, or only a costly one, is sent to the model.
// The library is called through koffi (FFI) so no native addon has to be compiled; each parse runs on
// libuv's thread pool (koffi's async calls), never on the event loop: a parse takes milliseconds and
// can take far longer on a long sentence. Without the library the checker keeps its rule signals
// and says why once (`loadLinkGrammar` returns the reason instead of a parser).
import koffi, { type LibraryHandle } from 'koffi';
import PQueue from 'p-queue';
import { countWords } from '../word-count.ts';

/** Debian bookworm's liblink-grammar5 (5.12); the dictionaries come from link-grammar-dictionaries-en. */
export const LINK_GRAMMAR_LIBRARY = 'liblink-grammar.so.5';

export interface GrammarParse {
  /** A linkage with no null (unlinked) word exists. */
  complete: boolean;
  /** Disjunct cost of the best complete linkage per whitespace word; undefined when not complete. */
  costPerWord: number | undefined;
  /** Disjunct cost of the best complete linkage; undefined when not complete. */
  cost: number | undefined;
  /** The parser ran out of its time budget before it could decide. */
  timedOut: boolean;
}

export interface ParseLimits {
  /**
   * Highest cost a single disjunct (a word's way of linking) may have; the dictionary's own bound
   * (2.7 for English) by default. Lower, only the grammar's plain readings count.
   */
  maxDisjunctCost?: number;
}

export interface GrammarParser {
  readonly version: string;
  parse(sentence: string, limits?: ParseLimits): Promise<GrammarParse>;
  /** Refuses new parses, waits for the running ones (they use the dictionary), then frees it. */
  close(): Promise<void>;
}

export type LinkGrammarLoad = { parser: GrammarParser } | { unavailable: string };

export interface LinkGrammarOptions {
  library?: string;
  /** Parses running at once on the thread pool (it has 4 threads, shared with fs and dns). */
  concurrency?: number;
  /** Whole seconds: the library's own parse timer. */
  maxParseSeconds?: number;
}

type Pointer = unknown;

interface Bindings {
  version: () => string;
  dictionaryCreate: (language: string) => Pointer;
  dictionaryDelete: (dictionary: Pointer) => void;
  setErrorHandler: (handler: Pointer, data: Pointer) => Pointer;
  clearErrors: () => number;
  optionsCreate: () => Pointer;
  optionsDelete: (options: Pointer) => number;
  setVerbosity: (options: Pointer, level: number) => void;
  setMinNullCount: (options: Pointer, count: number) => void;
  setMaxNullCount: (options: Pointer, count: number) => void;
  setLinkageLimit: (options: Pointer, limit: number) => void;
  setSpellGuess: (options: Pointer, guesses: number) => void;
  setMaxParseTime: (options: Pointer, seconds: number) => void;
  setShortLength: (options: Pointer, length: number) => void;
  setIslandsOk: (options: Pointer, ok: number) => void;
  setRepeatableRand: (options: Pointer, repeatable: number) => void;
  setDisjunctCost: (options: Pointer, cost: number) => void;
  timerExpired: (options: Pointer) => number;
  sentenceCreate: (text: string, dictionary: Pointer) => Pointer;
  sentenceDelete: (sentence: Pointer) => void;
  sentenceParse: ReturnType<LibraryHandle['func']>;
  linkageCreate: (index: number, sentence: Pointer, options: Pointer) => Pointer;
  linkageDelete: (linkage: Pointer) => void;
  linkageDisjunctCost: (linkage: Pointer) => number;
}

const RTLD_NOW = 0x2;
const RTLD_NODELETE = 0x1000;

/**
 * Keeps the library mapped until the process ends. It registers thread-local destructors on the
 * threads that parse; libuv joins those threads at exit, after koffi has unloaded the library, and
 * the destructors would then jump into unmapped code (a segfault on every exit).
 */
function pinLibrary(library: string): void {
  const dlopen = koffi.load('libc.so.6').func('void *dlopen(const char *file, int mode)') as (
    file: string,
    mode: number,
  ) => unknown;
  if (dlopen(library, RTLD_NOW | RTLD_NODELETE) === null) throw new Error('dlopen failed (install liblink-grammar5)');
}

function bind(library: string): Bindings {
  pinLibrary(library);
  const lib = koffi.load(library);
  const fn = (signature: string) => lib.func(signature);
  return {
    version: fn('const char *linkgrammar_get_version()'),
    dictionaryCreate: fn('void *dictionary_create_lang(const char *lang)'),
    dictionaryDelete: fn('void dictionary_delete(void *dict)'),
    // Per thread: with no handler the library queues its messages instead of printing them.
    setErrorHandler: fn('void *lg_error_set_handler(void *handler, void *data)'),
    clearErrors: fn('int lg_error_clearall()'),
    optionsCreate: fn('void *parse_options_create()'),
    optionsDelete: fn('int parse_options_delete(void *opts)'),
    setVerbosity: fn('void parse_options_set_verbosity(void *opts, int level)'),
    setMinNullCount: fn('void parse_options_set_min_null_count(void *opts, int count)'),
    setMaxNullCount: fn('void parse_options_set_max_null_count(void *opts, int count)'),
    setLinkageLimit: fn('void parse_options_set_linkage_limit(void *opts, int limit)'),
    // The C default guesses corrections for unknown words; the checker's own dictionary judges those.
    setSpellGuess: fn('void parse_options_set_spell_guess(void *opts, int guesses)'),
    setMaxParseTime: fn('void parse_options_set_max_parse_time(void *opts, int seconds)'),
    setShortLength: fn('void parse_options_set_short_length(void *opts, int length)'),
    setIslandsOk: fn('void parse_options_set_islands_ok(void *opts, int ok)'),
    setRepeatableRand: fn('void parse_options_set_repeatable_rand(void *opts, int repeatable)'),
    // A float in the C API: declared double, the library would read garbage.
    setDisjunctCost: fn('void parse_options_set_disjunct_cost(void *opts, float cost)'),
    timerExpired: fn('int parse_options_timer_expired(void *opts)'),
    sentenceCreate: fn('void *sentence_create(const char *text, void *dict)'),
    sentenceDelete: fn('void sentence_delete(void *sent)'),
    sentenceParse: lib.func('int sentence_parse(void *sent, void *opts)'),
    linkageCreate: fn('void *linkage_create(int index, void *sent, void *opts)'),
    linkageDelete: fn('void linkage_delete(void *linkage)'),
    linkageDisjunctCost: fn('float linkage_disjunct_cost(void *linkage)'),
  };
}

/**
 * Runs `load` with the library's messages on this thread queued and then dropped. Loading the English
 * dictionary prints a "Locale en_US.UTF-8 unknown" debug line and two locale warnings wherever that
 * locale is not installed (most containers); the library then works in C.UTF-8, which is all the
 * checker needs, so in service logs they are noise. Parses run on other threads and keep the default.
 */
function quietly<T>(lg: Bindings, load: () => T): T {
  const previous = lg.setErrorHandler(null, null);
  try {
    return load();
  } finally {
    lg.clearErrors();
    lg.setErrorHandler(previous, null);
  }
}

class LinkGrammarParser implements GrammarParser {
  readonly version: string;
  private dictionary: Pointer;
  private closing = false;
  private readonly slots: PQueue;
  private readonly lg: Bindings;
  private readonly maxParseSeconds: number;

  constructor(lg: Bindings, maxParseSeconds: number, concurrency: number) {
    this.lg = lg;
    this.maxParseSeconds = maxParseSeconds;
    this.version = lg.version();
    this.dictionary = quietly(lg, () => lg.dictionaryCreate('en'));
    if (this.dictionary === null)
      throw new Error('the English dictionary did not load (install link-grammar-dictionaries-en)');
    this.slots = new PQueue({ concurrency });
  }

  async parse(sentence: string, limits: ParseLimits = {}): Promise<GrammarParse> {
    if (this.closing) throw new Error('the parser is closed');
    return this.slots.add(() => this.parseNow(sentence, limits));
  }

  private async parseNow(text: string, limits: ParseLimits): Promise<GrammarParse> {
    const { lg } = this;
    // Options carry the parse timer, so each parse has its own: parses run on several threads at once.
    const options = lg.optionsCreate();
    lg.setVerbosity(options, 0);
    lg.setMinNullCount(options, 0);
    lg.setMaxNullCount(options, 0);
    // The linkages kept are a random sample when there are more: enough of them that the best is among
    // them, sampled repeatably so a sentence always gets the same verdict.
    lg.setLinkageLimit(options, 100);
    lg.setRepeatableRand(options, 1);
    lg.setSpellGuess(options, 0);
    lg.setShortLength(options, 16);
    lg.setIslandsOk(options, 0);
    lg.setMaxParseTime(options, this.maxParseSeconds);
    if (limits.maxDisjunctCost !== undefined) lg.setDisjunctCost(options, limits.maxDisjunctCost);
    const sentence = lg.sentenceCreate(text, this.dictionary);
    try {
      const linkages = await new Promise<number>((resolve, reject) => {
        lg.sentenceParse.async(sentence, options, (error: unknown, found: number) =>
          error ? reject(error) : resolve(found),
        );
      });
      const timedOut = lg.timerExpired(options) !== 0;
      if (linkages <= 0 || timedOut) return { complete: false, costPerWord: undefined, cost: undefined, timedOut };
      // Linkages come sorted by cost: the first is the parser's best reading of the sentence.
      const linkage = lg.linkageCreate(0, sentence, options);
      try {
        const cost = lg.linkageDisjunctCost(linkage);
        return { complete: true, costPerWord: cost / Math.max(1, countWords(text)), cost, timedOut: false };
      } finally {
        lg.linkageDelete(linkage);
      }
    } finally {
      lg.sentenceDelete(sentence);
      lg.optionsDelete(options);
    }
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.slots.onIdle();
    this.lg.dictionaryDelete(this.dictionary);
    this.dictionary = null;
  }
}

/** Loads the library and its English dictionary, or says why it cannot. */
export function loadLinkGrammar(options: LinkGrammarOptions = {}): LinkGrammarLoad {
  const library = options.library ?? LINK_GRAMMAR_LIBRARY;
  try {
    return { parser: new LinkGrammarParser(bind(library), options.maxParseSeconds ?? 1, options.concurrency ?? 2) };
  } catch (error) {
    return { unavailable: `${library}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
