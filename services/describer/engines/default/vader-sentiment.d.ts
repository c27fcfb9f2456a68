// The part of vader-sentiment (which ships no types) that tone.ts uses: the analyzer's own steps, so the
// words that moved a score can be named (polarity_scores returns the totals only).
declare module 'vader-sentiment' {
  export interface VaderSentiText {
    words_and_emoticons: string[];
    is_cap_diff: boolean;
  }
  export interface VaderScores {
    neg: number;
    neu: number;
    pos: number;
    compound: number;
  }
  export interface SentimentIntensityAnalyzer {
    polarity_scores(text: string): VaderScores;
    sentiment_valence(
      valence: number,
      sentiText: VaderSentiText,
      item: string,
      index: number,
      sentiments: number[],
    ): number[];
    but_check(words: string[], sentiments: number[]): number[];
    score_valence(sentiments: number[], text: string): VaderScores;
  }
  const vader: { SentimentIntensityAnalyzer: SentimentIntensityAnalyzer };
  export default vader;
}
