// A hand-written list of frequent English words, most frequent first (general English plus the
// vocabulary of everyday and essay writing). Spelling candidates that are common words win ties:
// "scool" -> "school", not "scowl". Written for this project, not taken from any corpus.

const WORDS = `
the of and to a in is it you that he was for on are with as I his they be at one have this from or had by
not word but what some we can out other were all there when up use your how said an each she which do their
time if will way about many then them write would like so these her long make thing see him two has look more
day could go come did number sound no most people my over know water than call first who may down side been
now find any new work part take get place made live where after back little only round man year came show
every good me give our under name very through just form sentence great think say help low line differ turn
cause much mean before move right boy old too same tell does set three want air well also play small end put
home read hand port large spell add even land here must big high such follow act why ask men change went
light kind off need house picture try us again animal point mother world near build self earth father head
stand own page should country found answer school grow study still learn plant cover food sun four between
state keep eye never last let thought city tree cross farm hard start might story saw far sea draw left late
run don't while press close night real life few north open seem together next white children begin got walk
example ease paper group always music those both mark often letter until mile river car feet care second book
carry took science eat room friend began idea fish mountain stop once base hear horse cut sure watch color face
wood main enough plain girl usual young ready above ever red list though feel talk bird soon body dog family
direct pose leave song measure door product black short numeral class wind question happen complete ship area
half rock order fire south problem piece told knew pass since top whole king space heard best hour better true
during hundred five remember step early hold west ground interest reach fast verb sing listen six table travel
less morning ten simple several vowel toward war lay against pattern slow center love person money serve appear
road map rain rule govern pull cold notice voice unit power town fine certain fly fall lead cry dark machine
note wait plan figure star box noun field rest correct able pound done beauty drive stood contain front teach
week final gave green quick develop ocean warm free minute strong special mind behind clear tail produce fact
street inch multiply nothing course stay wheel full force blue object decide surface deep moon island foot
system busy test record boat common gold possible plane stead dry wonder laugh thousand ago ran check game
shape equate miss brought heat snow tire bring yes distant fill east paint language among because really
something everything anything everyone someone today tomorrow yesterday without however therefore although
important different another believe believed receive received which their there they're because
government environment knowledge opinion society education student students teacher teachers technology
technologies university experience advantage advantages disadvantage disadvantages information advertisement
advertisements product products company companies business successful success young older future public
transport transportation community communities understand understanding specific specialist specialists
subject subjects idea ideas concept concepts fact facts important importance necessary different difference
opportunity opportunities responsibility possible possibility probably usually finally especially actually
easily really quickly completely definitely beautiful useful careful helpful wonderful interesting
environmental economic political social personal natural national international individual individuals
career job jobs work working worked money life lives health healthy problem problems solution situation
country countries city cities village world people person parents parent child children family friends
travel traveling travelling tour guide trip trips group groups tourist tourists knowledge skills skill
broad academic subject decision decisions choose choice chosen reason reasons example examples agree
disagree statement statements following because believe think thought people's person's would could should
enjoy enjoying enjoyed time times years year day days week weeks month months hours minutes
buy bought sell sold cost costs price prices quality customers customer consumer consumers market
develop developed development developing improve improved improvement increase increased decrease
pollution traffic cars car vehicles energy fuel oil electricity nature natural animals plants
television radio internet computer computers phone phones video videos news media newspaper
`;

const RANKS: ReadonlyMap<string, number> = (() => {
  const ranks = new Map<string, number>();
  for (const word of WORDS.split(/\s+/)) {
    if (word !== '' && !ranks.has(word.toLowerCase())) ranks.set(word.toLowerCase(), ranks.size);
  }
  return ranks;
})();

/** 0-based frequency rank of a lower-case word in the list, or undefined when it is not listed. */
export function commonRank(word: string): number | undefined {
  return RANKS.get(word.toLowerCase());
}
