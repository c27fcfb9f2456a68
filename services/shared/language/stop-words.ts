// The most frequent function words per language. They serve twice: their share among a text's words
// identifies Latin- and Cyrillic-script languages, and they are filtered out of keywords.
const LISTS: Record<string, string> = {
  en: `a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves also please dear hi
    hello thanks thank regards let get got may might must shall us`,
  de: `aber alle als also am an auch auf aus bei bin bis bist da damit dann das dass dein deine dem den der des
    dich die dies diese dieser dir doch dort du durch ein eine einem einen einer eines er es etwas euch euer für
    hab habe haben hat hatte ich ihr ihre im in ist ja jede kann kein keine mein meine mich mir mit muss nach
    nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie sind so über um und uns unser unter vom von
    vor war waren was weil wenn werden wie wir wird wo zu zum zur bitte`,
  fr: `à au aux avec ce ces cette dans de des du elle elles en est et été être il ils je la le les leur leurs
    lui ma mais me même mes moi mon ne nos notre nous on ont ou où par pas pour qu que qui sa se ses son sont
    sur ta te tes toi ton tu un une vos votre vous y ai avons avez était très bien aussi plus merci`,
  es: `a al algo ante como con contra cual de del desde donde durante el ella ellas ellos en entre era es esa
    ese eso esta está están este esto estos fue ha hay la las le les lo los más me mi muy nada ni no nos o
    para pero por porque que quien se sin sobre su sus también te tiene todo tu un una uno unos y ya yo gracias`,
  it: `a ad al alla alle anche che chi ci come con da dal dalla degli dei del della delle di e è era gli ha
    hanno ho i il in io la le lei lo loro lui ma mi mio nei nel nella non noi o per più questa questo se si
    sono su sua suo tra tu un una uno vi voi molto grazie`,
  pt: `a ao aos as com como da das de dela dele do dos e é ela ele eles em entre era essa esse esta este eu
    foi há isso já lhe mais mas me meu minha muito na nas não nem no nos nós o os ou para pela pelo por que
    quando se sem seu sua são também te tem um uma você obrigado`,
  nl: `aan al alles als ben bij dan dat de der deze die dit doch doen door dus een en er ga had heb hebben
    heeft hem het hier hij hoe hun ik in is ja je kan kon maar me meer men met mij mijn na naar niet niets nog
    nu of om omdat ons ook op over te tegen toch tot u uit van veel voor was wat we wel werd wij wordt zal ze
    zich zij zijn zo zou bedankt`,
  ru: `а без бы был была были было в вам вас вот все всё вы да для до его её ее если есть еще ещё же за и из
    или им их к как когда кто ли меня мне мы на над не него нет ни но ну о об он она они оно от по при с со
    так там то тоже только ты у уже хорошо что чтобы это я спасибо`,
};

export const STOP_WORDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(LISTS).map(([language, words]) => [language, new Set(words.split(/\s+/).filter(Boolean))]),
);

const ALL_STOP_WORDS: ReadonlySet<string> = new Set([...STOP_WORDS.values()].flatMap((set) => [...set]));

/** Whether `word` (any case) is a function word in the given language, or in any known one. */
export function isStopWord(word: string, language?: string): boolean {
  const lower = word.toLowerCase();
  const set = language === undefined ? undefined : STOP_WORDS.get(language);
  return set ? set.has(lower) : ALL_STOP_WORDS.has(lower);
}
