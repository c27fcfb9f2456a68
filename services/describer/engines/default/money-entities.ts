// Amounts of money with their ISO 4217 currency. Own patterns: compromise's money reader drops
// multipliers ("$2.5 million" is 2.5), misreads "1.200,50 €" and misses a code before the number
// ("EUR 1,200"), and neither chrono nor VADER reads money. A bare "$" is taken as US dollars.
import type { EntitySpan } from './entity-patterns.ts';

const SYMBOLS: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  c$: 'CAD',
  ca$: 'CAD',
  a$: 'AUD',
  au$: 'AUD',
  nz$: 'NZD',
  r$: 'BRL',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₺': 'TRY',
  '₽': 'RUB',
  fr: 'CHF',
  rs: 'INR',
};
const CODES = [
  'USD',
  'EUR',
  'GBP',
  'CHF',
  'JPY',
  'CAD',
  'AUD',
  'NZD',
  'INR',
  'CNY',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'BRL',
  'MXN',
  'ZAR',
  'SGD',
  'HKD',
  'TRY',
  'KRW',
  'RUB',
];
const WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  buck: 'USD',
  bucks: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  yen: 'JPY',
  franc: 'CHF',
  francs: 'CHF',
  rupee: 'INR',
  rupees: 'INR',
};
const CENTS: Record<string, string> = { cent: 'USD', cents: 'USD', pence: 'GBP', p: 'GBP' };
const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  bn: 1e9,
  billion: 1e9,
};

const NUMBER = String.raw`\d{1,3}(?:[,.\u00a0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const MULTIPLIER = String.raw`(?:\s?(?:k|m|mn|bn)\b|\s(?:thousand|million|billion)\b)`;
const SYMBOL = String.raw`(?:US\$|C\$|CA\$|A\$|AU\$|NZ\$|R\$|[$€£¥₹₩₺₽]|\b(?:Fr|Rs)\.?)`;
const CODE = `\\b(?:${CODES.join('|')})\\b`;
const AFTER = `(?:${CODE}|[€£¥₹₩₺₽$]|\\b(?:${Object.keys(WORDS).join('|')})\\b|\\b(?:cents?|pence)\\b|(?<=\\d)p\\b)`;
const MONEY = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(?:(?<before>${SYMBOL}|${CODE})\\s?(?<amount1>${NUMBER})(?<mult1>${MULTIPLIER})?` +
    `|(?<amount2>${NUMBER})(?<mult2>${MULTIPLIER})?\\s?(?<after>${AFTER}))(?![\\p{L}\\p{N}]|[.,]\\d)`,
  'giu',
);

/** "1,200.50", "1.200,50", "1 200" and "649.99" as numbers: a last group of 1-2 digits is the decimals. */
export function parseAmount(written: string): number {
  const compact = written.replace(/[\u00a0 ]/g, '');
  const decimals = /[.,](\d{1,2})$/.exec(compact);
  const whole = (decimals ? compact.slice(0, decimals.index) : compact).replace(/[.,]/g, '');
  return Number(decimals ? `${whole}.${decimals[1]}` : whole);
}

function currencyOf(marker: string): { code: string; scale: number } | undefined {
  const lower = marker.toLowerCase().replace(/\.$/, '');
  const upper = marker.toUpperCase();
  if (CODES.includes(upper)) return { code: upper, scale: 1 };
  const symbol = SYMBOLS[lower];
  if (symbol) return { code: symbol, scale: 1 };
  const word = WORDS[lower];
  if (word) return { code: word, scale: 1 };
  const cents = CENTS[lower];
  return cents ? { code: cents, scale: 0.01 } : undefined;
}

export function findMoney(text: string): EntitySpan[] {
  const found: EntitySpan[] = [];
  for (const match of text.matchAll(MONEY)) {
    const groups = match.groups ?? {};
    const marker = groups.before ?? groups.after ?? '';
    const written = groups.amount1 ?? groups.amount2 ?? '';
    const multiplier = (groups.mult1 ?? groups.mult2 ?? '').trim().toLowerCase();
    const currency = currencyOf(marker);
    if (!currency) continue;
    const amount = parseAmount(written) * (MULTIPLIERS[multiplier] ?? 1) * currency.scale;
    if (!Number.isFinite(amount)) continue;
    const rounded = Math.round(amount * 100) / 100;
    found.push({
      type: 'money',
      text: match[0],
      start: match.index,
      end: match.index + match[0].length,
      amount: rounded,
      currency: currency.code,
    });
  }
  return found;
}
