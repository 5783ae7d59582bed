import { isNameCandidate } from "./people.js";
import type { Sentence } from "./text.js";

/**
 * Escalations said the way people say them: a task whose destination is someone above the room ("I'm taking
 * that to Martin", "I'll write to Henrik, he's the chair", "I'm going up to the house supervisor"). The words
 * "escalate" or "sign-off" are often never said; what makes it an escalation is where the matter goes.
 */

/** Someone above the room: a senior role, a governing body, a manager's manager, a review above the team. */
const ABOVE_THE_ROOM =
  /\b(?:(?:regional |area |group |divisional |our |their |the )?(?:vp|svp|evp|vice president|cfo|ceo|cto|coo|cio|ciso|cpo|cmo|cro|general counsel|chief \w+(?: \w+)? officer)s?|(?:the |our )?board(?: meeting)?|(?:full |city |town )council|(?:investment|steering|executive|audit|finance|review) committee|steering group|execs?|executives?|exec(?:utive)? (?:team|review|staff)|leadership(?: team)?|(?:the |our |their )?(?:director|head|dean|provost|chair|chairman|chairwoman|superintendent|assistant superintendent|principal|partner in charge|managing partner|general manager|house supervisor|nursing supervisor)(?: of [\w ]{2,30})?|(?:my|his|her|their|your) (?:boss|manager|skip|director|vp)|(?:the )?district(?: office)?|legal(?: team)?|calibration|staff meeting|budget review|(?:the )?(?:plant|site|store|regional|area|division) manager)\b/;

/** A verb that carries a matter to someone, with what follows it: group 1 the destination. */
const CARRY =
  /\b(?:take|taking|took|bring|bringing|raise|raising|carry|carrying|flag|flagging|escalate|escalating|run (?:it|this|that|them) by|running (?:it|this|that) by|put (?:it|this|that|them) in front of|go (?:up |directly |straight |over )?to|going (?:up |directly |straight |over )to|ask(?:ing)? (?=(?:\S+ ){1,5}?to (?:approve|sign|okay|fund|sign off))|write to|writing to|email|emailing|call|calling|ring|talk to|speak to|loop in|looping in|kick (?:it|this|that) up to|push (?:it|this|that) up to)\b(?:\s+(?:it|this|that|them|the \w+(?: \w+)?|[\w']+ \w+))?\s*(?:(?:up )?(?:to|with|by|in front of)\s+)?(.*)$/;

/** Someone saying the matter is beyond their authority: the destination that follows is above the room. */
export const AUTHORITY =
  /\b(?:above (?:my|our|what i can|the plant's|the site's)\b|beyond (?:my|our) (?:authority|limit|level)|more than i can (?:approve|sign)|can't (?:approve|sign(?: off)?)(?: on)? (?:that|this|it)? ?(?:myself|on my own|alone)|(?:can|could) (?:approve|sign(?: off)?)(?: on)? (?:up to|only up to)|on my own authority|(?:it's|that's|this is) (?:her|his|their|a \w+'s|an? \w+) call\b|not (?:my|our) call|(?:need|needs) (?:\w+ )?(?:sign[- ]?off|approval|to sign it|to approve)|(?:need|needs) (?:the )?\w+ to (?:sign|approve))\b/;

/** First-person intent to act: "I'll…", "I'm going to…", "I want to…", "let me…". */
const I_WILL =
  /\b(?:i'll|i will|i'm going to|i am going to|i'm gonna|i want to|i'd like to|let me|i need to|i'm taking|i'm bringing|i'm raising|i'm flagging|i'm escalating|i'm writing|i'm going up)\b/;

export interface EscalationContext {
  /** Whether a name belongs to someone in the meeting (a speaker or attendee). */
  isInRoom: (name: string) => boolean;
  /** Whether someone said, a moment ago, that the matter is above their authority. */
  authoritySaid: boolean;
  /** The sentence after, which may say who the person is ("He's the chair."). */
  next?: Sentence | undefined;
}

/** "…, who runs integrations engineering", "He's the chair.": the person named is above the room or leads another team. */
const DESCRIBED_ABOVE =
  /\b(?:who(?:'s| is)? (?:runs|heads|leads|owns|chairs|manages)|(?:he's|she's|he is|she is|who's|who is) (?:the |our |my |their )?(?:chair|head|director|dean|vp|boss|lead|manager|owner)\b)/;

/** A carrying verb that ends in its preposition: "go to", "talk to", "write to". */
const CARRY_TO = /^(?:go(?:ing)? (?:up |directly |straight |over )?to|writ(?:e|ing) to|talk to|speak to)\s+/;

/** Whether a sentence takes a matter above the room, and to whom. */
export function readEscalationStep(s: Sentence, ctx: EscalationContext): { to: string } | null {
  if (/\?\s*$/.test(s.text) || !I_WILL.test(s.lower)) return null;
  const m = CARRY.exec(s.lower);
  if (!m) return null;
  const destination = m[1] ?? "";
  // The object may hold the destination too ("going up to the house supervisor").
  const role = ABOVE_THE_ROOM.exec(m[0]);
  if (role) return { to: role[0].replace(/^(?:the|our|their) /, "") };
  // A person named who is not in the meeting, once someone said the call is above them.
  // "go to Deborah directly": a verb that ends in its "to" may have let the object slot take the name.
  const to = CARRY_TO.exec(s.lower.slice(m.index));
  const at = to ? m.index + to[0].length : s.lower.length - destination.length;
  const described = DESCRIBED_ABOVE.test(s.lower) || (ctx.next !== undefined && DESCRIBED_ABOVE.test(ctx.next.lower));
  // Speech recognition writes names in lower case; said with who they are, a lower-case word is a name too.
  const name = (
    described
      ? /^(?:(?:him|her|them)\s+)?([a-z][a-z]+)\b/i
      : /^(?:(?:him|her|them)\s+)?(?:dr\.?\s+|mr\.?\s+|ms\.?\s+)?([A-Z][a-z]+)/
  ).exec(s.text.slice(at).trim())?.[1];
  const capitalised = name ? name.charAt(0).toUpperCase() + name.slice(1) : null;
  if (
    capitalised &&
    isNameCandidate(capitalised) &&
    !ctx.isInRoom(capitalised) &&
    (ctx.authoritySaid || described || AUTHORITY.test(s.lower))
  )
    return { to: capitalised };
  return null;
}
