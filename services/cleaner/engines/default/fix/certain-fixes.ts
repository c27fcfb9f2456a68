// Learner and typing errors whose fix is certain in any context: a fused phrase ("alot"), a
// contraction without its apostrophe ("dont"), a frequent misspelling ("recieve"), a mass noun in the
// plural ("informations"). Rows "misspelling=correction", written for this project.
import type { SegmentedText } from '../segments.ts';
import { matchCase, wordIndices } from './sentence.ts';

/** Lower-case misspelling -> correction (case is matched to the original by the fixer). */
export const CERTAIN_FIXES: ReadonlyMap<string, string> = new Map(
  `alot=a lot|atleast=at least|aswell=as well|eachother=each other|infact=in fact|incase=in case
  |everytime=every time|thankyou=thank you|ofcourse=of course|dont=don't|doesnt=doesn't|didnt=didn't
  |cant=can't|wont=won't|isnt=isn't|arent=aren't|wasnt=wasn't|werent=weren't|havent=haven't|hasnt=hasn't
  |couldnt=couldn't|shouldnt=shouldn't|wouldnt=wouldn't|im=I'm|ive=I've|thats=that's|whats=what's
  |theres=there's|doens't=doesn't|dosen't=doesn't|becouse=because|becuase=because|beacuse=because
  |becasue=because|bcause=because|untill=until|wich=which|thier=their|recieve=receive|recieved=received
  |beleive=believe|beleived=believed|definately=definitely|seperate=separate|occured=occurred
  |tommorow=tomorrow|tommorrow=tomorrow|goverment=government|enviroment=environment|successfull=successful
  |usefull=useful|beautifull=beautiful|carefull=careful|truely=truly|begining=beginning|writting=writing
  |studing=studying|realy=really|finaly=finally|knowlege=knowledge|oppinion=opinion|adress=address
  |freind=friend|freinds=friends|peole=people|poeple=people|pepole=people|peaple=people|childrens=children
  |informations=information|advices=advice|knowledges=knowledge|furnitures=furniture|equipments=equipment
  |homeworks=homework|evidences=evidence|becaus=because|whith=with|teh=the|adn=and|taht=that`
    .split('|')
    .map((row) => row.trim().split('=') as [string, string]),
);

export function fixCertainErrors(doc: SegmentedText): void {
  for (const i of wordIndices(doc)) {
    const text = doc.segments[i]!.text;
    const fix = CERTAIN_FIXES.get(text.toLowerCase().replace(/’/g, "'"));
    if (fix !== undefined && !/^[A-Z]{2,}$/.test(text))
      doc.rewrite(i, matchCase(text, fix), {
        kind: 'spelling',
        message: `common misspelling of "${fix}"`,
        rule: 'certain_errors',
      });
  }
}
