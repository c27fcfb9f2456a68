// Small hand-written tables of learner and typing errors whose fix is certain in any context, and the
// verb forms the subject-verb agreement rule may change. Written for this project.

/** Lower-case misspelling -> correction (case is matched to the original by the caller). */
export const CERTAIN_FIXES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    alot: 'a lot', atleast: 'at least', aswell: 'as well', eachother: 'each other', infact: 'in fact',
    incase: 'in case', everytime: 'every time', thankyou: 'thank you', ofcourse: 'of course',
    dont: "don't", doesnt: "doesn't", didnt: "didn't", cant: "can't", wont: "won't", isnt: "isn't",
    arent: "aren't", wasnt: "wasn't", werent: "weren't", havent: "haven't", hasnt: "hasn't",
    couldnt: "couldn't", shouldnt: "shouldn't", wouldnt: "wouldn't", im: "I'm", ive: "I've",
    thats: "that's", whats: "what's", theres: "there's", "doens't": "doesn't", "dosen't": "doesn't",
    becouse: 'because', becuase: 'because', beacuse: 'because', becasue: 'because', bcause: 'because',
    untill: 'until', wich: 'which', thier: 'their', recieve: 'receive', recieved: 'received',
    beleive: 'believe', beleived: 'believed', definately: 'definitely', seperate: 'separate', occured: 'occurred',
    tommorow: 'tomorrow', tommorrow: 'tomorrow', goverment: 'government', enviroment: 'environment',
    successfull: 'successful', usefull: 'useful', beautifull: 'beautiful', carefull: 'careful',
    truely: 'truly', begining: 'beginning', writting: 'writing', studing: 'studying', realy: 'really',
    finaly: 'finally', knowlege: 'knowledge', oppinion: 'opinion', adress: 'address', freind: 'friend',
    freinds: 'friends', peole: 'people', poeple: 'people', pepole: 'people', peaple: 'people',
    childrens: 'children', informations: 'information', advices: 'advice', knowledges: 'knowledge',
    furnitures: 'furniture', equipments: 'equipment', homeworks: 'homework', evidences: 'evidence',
    becaus: 'because', whith: 'with', teh: 'the', adn: 'and', taht: 'that',
  }),
);

/** Base form -> third person singular, for "she go" -> "she goes". */
export const THIRD_PERSON: ReadonlyMap<string, string> = new Map(
  Object.entries({
    go: 'goes', do: 'does', have: 'has', "don't": "doesn't", want: 'wants', like: 'likes', need: 'needs',
    know: 'knows', think: 'thinks', make: 'makes', take: 'takes', get: 'gets', give: 'gives', say: 'says',
    see: 'sees', look: 'looks', work: 'works', play: 'plays', live: 'lives', love: 'loves', come: 'comes',
    seem: 'seems', become: 'becomes', feel: 'feels', believe: 'believes', mean: 'means', tell: 'tells',
    find: 'finds', eat: 'eats', watch: 'watches', learn: 'learns', buy: 'buys', pay: 'pays', talk: 'talks',
    speak: 'speaks', show: 'shows', allow: 'allows', cause: 'causes', cost: 'costs', enjoy: 'enjoys',
    hate: 'hates', prefer: 'prefers', understand: 'understands', depend: 'depends', try: 'tries',
    study: 'studies', walk: 'walks', write: 'writes', read: 'reads', help: 'helps', provide: 'provides',
    happen: 'happens', agree: 'agrees', wish: 'wishes', teach: 'teaches', spend: 'spends',
  }),
);
