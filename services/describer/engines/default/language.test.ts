import { describe, expect, it } from 'vitest';
import { analyze } from './analyze-for-tests.ts';

function language(text: string): string {
  return analyze(text).language;
}

describe('detectLanguage', () => {
  it.each([
    ['en', 'I would like to know when my order will arrive, because it is late.'],
    ['de', 'Ich möchte wissen, wann meine Bestellung ankommt, denn sie ist schon zu spät.'],
    ['fr', 'Je voudrais savoir quand ma commande va arriver, car elle est en retard.'],
    ['es', 'Quiero saber cuándo llegará mi pedido, porque ya está muy retrasado.'],
    ['it', 'Vorrei sapere quando arriva il mio ordine, perché è già in ritardo.'],
    ['pt', 'Eu gostaria de saber quando o meu pedido vai chegar, porque já está atrasado.'],
    ['nl', 'Ik wil graag weten wanneer mijn bestelling aankomt, want die is te laat.'],
    ['ru', 'Я хочу знать, когда придет мой заказ, потому что он уже опаздывает.'],
    ['ja', '注文した商品はいつ届きますか？もう遅れています。'],
    ['zh', '我想知道我的订单什么时候到达，因为已经晚了。'],
    ['ko', '주문한 상품이 언제 도착하나요? 이미 늦었습니다.'],
    ['ar', 'أريد أن أعرف متى سيصل طلبي لأنه متأخر.'],
    ['el', 'Θέλω να μάθω πότε θα φτάσει η παραγγελία μου.'],
  ])('%s', (expected, text) => {
    expect(language(text)).toBe(expected);
  });

  it.each([[''], ['12345 678'], ['Hi'], ['xqz vbnm wrtp kjhg'], ['https://example.com/a/b and a@b.io']])(
    'is undetermined for %j',
    (text) => {
      expect(language(text)).toBe('und');
    },
  );
});
