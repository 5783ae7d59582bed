import type { SectionKind } from "../template/template.js";

/**
 * The language the engine listens for, kept apart from the logic that uses it. Patterns run on the
 * lower-cased, filler-free, digit-normalised sentence (see text.ts), so they need not list "um" or "twenty".
 */

/** First-person commitments: "I'll…", "let me…", "I can take…". Group 1 is the rest of the clause. */
export const SELF_COMMITMENT =
  /\b(?:i'll|i will|what i can do is|what i'll do is|put me down (?:for|to)|i'm going to|i am going to|i'm gonna|i can|i could|let me|i need to|i have to|i've got to|i gotta|i'm happy to|i'd be happy to|i'm planning to|i plan to|i volunteer to|i'll go ahead and|leave (?:it|that|this) with me and i'll|i'll make sure to|i'll make sure)\b(?! not\b)(?!'t)\s*(.*)$/;

/** What follows "I'll…"/"let me…" when it is talk about the meeting itself, not a task. */
export const NOT_A_TASK =
  /^(?:just )?(?:if|when|unless|once|but|though|keep an eye on|take (?:the )?credit|eat (?:the|that|those) (?:cost|costs|difference|overage|fees?|loss|hit|\d)|fold (?:it|that|this) into|hope|wish|present|let (?:\w+ )*(?:speak|go|talk|present|start|finish|continue|explain)|suggest|propose|recommend|ask(?:\s+(?:that|a|an|one|you|everyone|everybody|the (?:room|group|team)|around|again|myself|ourselves)\b|[.,!?]?$)|mention|point out|argue|disagree|object|interrupt|think|guess|say|admit|bet|tell you|need(?! to\b)|be honest|be quick|be brief|see|agree|mean|suppose|imagine|assume|remember|understand|hear|notice|feel|believe|love|like|want|start with|start by|start off|begin|kick off|go first|go next|go|pass|stop|leave it there|hand (?:it )?(?:over|back)|share my screen|share (?:the|my) screen|show you|explain|try (?:and|to) explain|walk (?:you |us |everyone )?through|go through|talk about|speak to|read|give you (?:a|an|the) (?:quick |brief )?(?:update|overview|summary|rundown)|answer|repeat|be there|keep it short|wrap up|do (?:a|the) (?:quick )?(?:intro|introduction|recap)|introduce|probably|only|not|never|always|get (?:to|into) (?:that|it)|come back to(?!\s+(?:you|them|him|her|us|everyone|the \w+|\w+)\s+with\b)|jump in|add (?:to that|one thing)|double-check that i|check if (?:everyone|you)|make this quick|put it this way|play devil's advocate|take (?:a|that) question|be|do my best|try my best)\b/;
/** Adverbs between "I'll" and the task ("I'll also send…", "I'll just update…"). */
export const LEADING_ADVERB =
  /^(?:(?:also|just|still|definitely|actually|really|quickly|then|go ahead and|make sure to|try to|try and)\s+)+/;

/** "My team can do those, we'll finish them tomorrow": a speaker's team committing, owned by the speaker. */
export const TEAM_COMMITMENT =
  /\b(?:we'll|we will|my team (?:will|can|'ll)|my team's going to|we're going to|we can)\s+(.*)$/;
/** "You'll get a written root cause from us by Wednesday": the speaker committing, said to the listener. */
export const DELIVERY_TO_LISTENER = /\byou'll (?:get|have|receive|see) (.*?) from (?:us|me)\b(.*)$/;

/** "I'll do that", "I can take it", "on it": accepting the task just asked, without restating it. */
export const ACCEPTANCE =
  /^(?:(?:yes|yeah|yep|sure|ok|okay|absolutely|definitely|of course|no problem|happy to|can do)[,.!]?\s*)*(?:i'll|i will|i can|i could|let me|i'm happy to|happy to)?\s*(?:do|take|handle|own|grab|cover|chase|pick up|sort|look into|follow up on|get|send)?\s*(?:you\s+)?(?:it|that|this|this one|that one|those|them|that on)?\s*(?:on|to you|over)?[.!]?$|^(?:(?:yes|yeah|yep|sure|ok|okay)[,.!]?\s*)*(?:on it|will do|can do|sure thing|consider it done|leave it with me|i've got it|i got it|i got this|i've got this|i'm on it|happy to|no problem|absolutely|of course|you got it|yes,? i can|yes,? i will|that one's mine|that's mine|mine)\b/;

/** Saying yes to someone's offer: "Yes, do that.", "Please do.", "Go ahead." */
export const APPROVAL =
  /^(?:(?:yes|yeah|yep|sure|ok|okay|great|good|perfect)[,.!]?\s*)*(?:please do|do that|do it|go ahead|go for it|that would be (?:great|helpful|perfect)|that'd be (?:great|helpful|perfect)|please)\b/;

/** "Priya, can you…" (group 1 the name, group 2 the task). Runs on the case-kept text. */
// "Sakura, can we get a cycle count done this week?" asks Sakura, as "can you" does.
export const NAMED_REQUEST =
  /(?:^|[,.;]\s*|\b(?:so|and|okay|ok|then)\s+)(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[,:]?\s+(?:(?:can|could|would|will) you|can we get you to|(?<=,\s*)(?:can|could) we)(?: please)?(?: be able to)?\s+(.*)$/u;
/** "…, can you look at it, Kenji?" */
export const TRAILING_NAME = /,\s*(\p{Lu}\p{Ll}+)\s*[?.!]*$/u;
/** "Can you…", "could you please…" with the addressee found from context. */
export const YOU_REQUEST = /\b(?:(?:can|could|will) you(?: please)?(?: be able to)?|would you (?:please|mind))\s+(.*)$/;
/** "You'll be working on…", "you need to…": tasks handed to "you". */
export const YOU_ASSIGNMENT =
  /\b(?:you'll|you will|you're going to|you're gonna|you are going to|you need to|you have to|you should|you're to)\s+(?:be\s+)?(.*)$/;
/** Verbs of deliverable work: "I can…" or "I need to…" is only a commitment when it promises one of these. */
export const DELIVERABLE =
  /\b(?:send|share|draft|write|prepare|put together|set up|schedule|book|update|review|check|confirm|follow up|reach out|ping|email|call|ask|talk to|speak to|sync with|coordinate|file|create|build|fix|investigate|look into|dig into|find out|figure out|post|publish|circulate|document|own|take|handle|run|organi[sz]e|align|contact|get back|loop in|compile|pull|order|buy|test|deploy|ship|implement|finali[sz]e|finish|complete|submit|bring|research|look at|work on|get|make|do|chase|escalate|flag|write up|put|add|cover|pair|start|kick off|raise|propose|evaluate|analy[sz]e|measure|benchmark|estimate|scope|plan|design|mock up|prototype|assess|verify|validate|audit|clean up|migrate|rerun|re-run|redo|talk with)\b/;

/** Talk about running the meeting itself, wherever it stands in a clause. */
export const MEETING_TALK =
  /\b(?:call (?:the |this )?(?:[\w'-]+ ){0,3}(?:meeting|session)\b[^.?!]{0,120}? to order|second (?:that|it|the motion)|reflect (?:that|it|this) in the minutes|(?:put|add) (?:it|that|this) (?:on|to) (?:the |our )?(?:open )?(?:list|agenda)|update the invite|bring (?:it |that |this )?up in|wrap (?:it |this |things )?up|minutes left|\d+ minutes|next slide|my screen|move on|the next agenda item|(?:on|join|end|leave) this call|hear me|see my screen|go back to the slide)\b/;

/** What follows "can you…" when it is about the call itself. */
export const NOT_A_REQUEST =
  /^(?:kick (?:us|things|it) off|(?:walk|talk|run|take) (?:us|me|everyone) through|make (?:the |it )?(?:font|text|screen|window|it) (?:bigger|smaller|larger)|zoom in|zoom out|turn (?:on|off) (?:your|the) (?:camera|mic|video)|tell (?:us|me)|give (?:us|me) (?:an? |the )?(?:update|overview|summary|rundown|quick)|start|go (?:first|ahead|next)|hear|see|repeat|say that|say again|explain|elaborate|clarify|remind me|tell me|tell us|go back|speak up|mute|unmute|imagine|believe|think|guess|confirm you can|give me a second|hold on|just|still)\b/;
/** "Priya to execute", "Darius will align…", "Marisol's going to…" (group 1 the name, group 2 the task). */
export const NAMED_ASSIGNMENT =
  /\b(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?:'s| is)? (?:to|will|is going to|going to|is gonna|gonna|needs to|has to|should|can|'ll|owns|takes|is on point for|on point for|is on|is taking|will take|will own|to own|to take)\s+(.*)$/u;
/** "Action item: …", "AI for Wen: …", "to-do: …" */
export const ACTION_MARKER =
  /\b(?:action item|action|todo|to-do|follow-up|follow up)(?: item)?(?: for ([A-Za-z]+))?\s*[:\-–—]\s*(.*)$/i;
/** "Someone should…", "somebody needs to…": a task with no owner yet. */
export const UNOWNED_TASK =
  /\b(?:(?:someone|somebody|anyone|one of us)\s+(?:should|needs to|need to|has to|must|ought to|could|will need to|gotta)|(?:need|needs) (?:someone|somebody) to)\s+(.*)$/;
/** "Who's taking the write-up?", "Can someone update the FAQ?": a task looking for its owner. Group 1: the verb. */
export const ASK_FOR_OWNER =
  /^(?:(?:so|okay|ok|and)[,]?\s+)*(?:(?:can|could|would) (?:someone|somebody|anyone)(?: please)?|who(?:'s| is| can| wants to| will) (take|taking|do|doing|own|owning|handle|handling|pick up|picking up))\s+(.*?)\??$/;

/** Decided in so many words. */
export const DECISION =
  /\b(?:we(?:'ve| have)? (?:just )?decided|(?:the|our|final) decision is|decision(?: is)?:|decided:|it's decided|that's decided|we(?:'re| are) (?:going|gonna go|gonna) with|we'll go with|let's go with|(?<!\b(?:a|or|and|no-go,?) )go with(?! (?:you|me|him|her|them|us|conditions?)\b)|we(?:'re| are) settled on|we settled on|settled:|we(?:'ve| have) agreed|we agreed(?! (?:on )?(?:that|this|it)(?: (?:already|before|after|in|last|back|at|during|when)\b|[.!]?$))|we all agree|everyone agrees|(?:it's|that's|is|are) approved|approved:|we approve|we(?:'re| are)? approving|final answer|so the plan is|(?:the|our) plan is|we(?:'re| are)? (?:not )?going ahead with|we'll proceed|let's proceed|we're dropping|we'll drop|we're cutting|we'll deprioriti[sz]e|we're deprioriti[sz]ing|we(?:'ll| will) go ahead with|decision made|we(?:'ll| will) prioriti[sz]e|let's move forward with|moving forward with|we're committing to|we commit to|we(?:'re| are) not (?:going to )?(?:promising|doing|shipping|building|adding|supporting|committing|changing|moving|freezing|hiring|using)|we won't (?:promise|do|ship|build|add|support|commit|change|move|use)|lock (?:it|that) in|we'll keep|we're keeping|the consensus is|consensus:|(?:it's|that's) a (?:no|yes|go|no-go|hard no|strong yes)\b)\b/;
/** Proposals that become decisions when someone else agrees. Group 1 is the proposal. */
export const PROPOSAL =
  /^(?:(?:so|okay|ok|and|but|well|then|yeah|i mean|honestly|alright|i just)[,]?\s+)*(?:i think |maybe |honestly |personally )?(?:i'd rather(?! not)|i would rather(?! not)|i'd prefer(?! not)|i prefer we|i'm proposing(?: that)?(?: we)?|i propose|i'd propose|i suggest|i'd suggest|what i'd (?:suggest|propose|recommend) is(?: that)?(?: we)?|(?:the (?:other |one |next |last )?thing |what )i'd (?:like|love|want) (?:us )?to do is|what i (?:suggest|propose|recommend) is(?: that)?(?: we)?|my suggestion is|i'd (?:go|vote|lean)(?: with| for| towards?)?(?= (?!(?:back|first|next|home|ahead|through|over|around|on)\b))|my proposal is|(?:my )?recommendation is|i recommend|i'd recommend|how about|what if we|why don't we|should we|shall we|i think we should|i'd say we|maybe we should|we should|we could|let's|i'd like us to|can we|could we|i want us to|we might as well|propose we|proposal:)\s+(.*)$/;
/** "Let's…" that only steers the meeting. */
export const MEETING_STEERING =
  /^(?:talk|discuss|move on|move to|start|see|look|take a look|go through|go over|go around|go back|get started|begin|do (?:introductions|a round|the)|have a (?:look|quick)|wrap|break|hear|recap|review|turn to|jump|switch|keep going|continue|check in|circle back|skip|pause|get into|dive|table|park|take (?:it|this|that) offline|just|call it|finish|do a quick|reconvene|regroup|meet|schedule|think about|brainstorm|first|say|not|pick up|open|close|run through|get through|spend|try|come back|all|everyone|quickly)\b/;
/** Still to be decided. */
export const PENDING =
  /\b(?:(?:is|are|stays?|remains?|still|left|as|decision)[,]? pending|pending (?:on|until|a|an|the|my|his|her|their|our|\w+'s)\b|pending[.!]?$|not (?:yet )?decided|haven't (?:yet )?decided|undecided|to be decided|tbd|still (?:open|up in the air|need to decide|deciding)|need(?:s)? (?:a|to make a) decision|we (?:need|have) to decide|decide (?:by|next|later)|needs to be decided|(?:product|someone|we|they|leadership) (?:should|needs to|has to|must|will) (?:decide|make the call)|open decision|decision (?:is )?pending|not (?:a )?decided yet|(?:hold|holding) off on deciding|come back to (?:the|this) decision|(?:let's )?(?:table|park) (?:it|that|this)(?: until| for)|parking (?:it|that|this)|(?:is|are|stays?) on hold|hold off on|(?:let's )?revisit (?:it|that|this|the \w+)|can't decide (?:on|until)|won't decide until|(?:not|n't) (?:going to |want to |ready to )?decid(?:e|ing)\b|(?:can't|cannot|won't) decide|not (?:take|taking) a vote|(?:hold|park|defer|table) (?:the |this |that )?[\w'-]+(?: [\w'-]+)?(?: decision)? until|defer(?:red)? (?:it |this |that )?(?:to|until)|(?:i'll|we'll|i will|we will|she'll|he'll|they'll) (?:make the call|decide)(?: on| by)? (?:monday|tuesday|wednesday|thursday|friday|tomorrow|next week|later|after|once|when))\b/;

export const STRONG_AGREEMENT =
  /^(?:(?:yeah|yes|yep|ok|okay|sure|right|alright|oh)[,.!]?\s*)*(?:agreed|i agree|agree|i'm (?:okay|ok|fine|good) with (?:that|it|this)|(?:okay|ok|fine) with (?:that|me)|i can live with (?:it|that)|sounds good|sounds great|sounds right|sounds like a plan|makes sense|that works|works for me|fine by me|fine with me|i'm fine with that|let's do (?:it|that|this)|let's go with (?:it|that|this)|do it|ship it|go for it|deal|perfect|absolutely|definitely|totally|exactly|fair enough|no objection|no objections|\+1|i'm on board|on board|approved|that's the plan|good call|good idea|great idea|love it|i like (?:it|that|this)|yes,? let's|same here|me too|i support (?:it|that|this)|i'm in|yes please|go ahead|yes,? let's do it|we can do that|that's fine|fine|done|settled)\b/;
export const WEAK_AGREEMENT =
  /^(?:(?:yeah|yes|yep|yup|okay|ok|sure|right|mm-hmm|uh-huh|cool|good|great|alright|all right|true|correct|mhm|fair)[,.!]?\s*)+$/;
export const DISAGREEMENT =
  /^(?:(?:yeah|well|hmm|so)[,]?\s*)?(?:no\b|nope|i disagree|i don't (?:think|agree|like|love)|not sure|i'm not sure|wait|but\b|i'd rather not|let's not|that won't work|that doesn't work|i don't know|actually no|not really|i'm not convinced|hold on|i'm worried|i'm not a fan)/;

export const RISK =
  /\b(?:risk(?:s|y)?|at risk|worr(?:y|ied|ies|ying)|concern(?:ed|s|ing)?|could (?:slip|bite|break|blow up|derail|delay|hurt|kill|sink|block|miss)|might (?:slip|not make|miss|delay|break|not land|not be ready|bite)|may (?:slip|miss|not make)|danger|threat|jeopardi[sz]\w*|exposure|(?:there's|there is) (?:a |an )?(?:real |good |decent |high |strong |non-trivial |serious )?(?:chance|possibility)|the chance that|won't make it|behind schedule|(?<!\b(?:kept|keeps|been|already|sound like it's|sound like we're) )slipping|(?:hit|breach|exceed|blow through) (?:the|our|that) (?:limit|sla|cap|quota|budget)|red flag|scared|nervous|keeps me up|degraded|fragile|single point of failure|could happen (?:there|again|here|to us)|could take out|we'd lose|we could lose|blocker|blocked (?:on|by|waiting)|won't make (?:the|our|it)|might not (?:renew|make|land|ship|happen|get|be able|deliver|hit)|would kill)\b/;
/**
 * What would go wrong, said as a consequence: "if they miss Wednesday we miss the promise date", "if it goes
 * wrong we can't pick on the fifteenth", "that would stop the line". A rating said beside it rates this.
 */
export const EXPOSURE =
  /\bif\b[^.?!]*?\b(?:can't|cannot|won't|miss|lose|stop|fail|break|slip|blow|lapse|breach)\w*\b|\b(?:would|we'd|it'd|that'd|could)(?: (?:all|also|then))? (?:miss|lose|stop|break|fail|slip|blow|breach|cost|delay|block)\w*\b/;
/** Red/yellow/green said as a rating. Groups hold the colour. */
export const RATING =
  /\b(?:(?:call|rate|mark|put|flag|score|have|keep|i'd say|i would say)(?: it| this| that| this one| that one| them)?(?: as| at)?(?: a| an)? (red|yellow|amber|orange|green)|(?:it's|it is|that's|this is|we're|we are|they're|status is|rated|rating is|still|currently|solidly|firmly|firmly in the|definitely|marked(?: it)? as|is|stays?|at|goes|went|turned|moved to|moving to|back to|sitting at|drops? to|dropped to|dropping to|comes? down to|down to|improves? to|improved to|goes (?:up |down )?to|went (?:up |down )?to)(?: a| an| in the)? (red|yellow|amber|orange|green)\b(?! light)|\b(red|yellow|amber|orange|green) (?:for me|risk|status|rating|item|flag|territory|zone)\b|(?:status|rating)[:\s]+(red|yellow|amber|orange|green)\b|^(red|yellow|amber|orange|green)\b(?! light| first| ones| items| then)|^(?:so|okay|ok|well|mine is|mine's|this one's|this one is)[,]?\s+(red|yellow|amber|orange|green)[.!,]?$)/;
export const LIKELIHOOD =
  /\b(?:don't think (?:it's|it is|that's) (likely)|not (?:very )?(likely)|(fifty-fifty|50-50|coin[- ](?:flip|toss)))\b|\b(?:likelihood|probability|chance|odds)\b[^.?!]{0,25}?\b(very low|low|medium|moderate|very high|high)\b|\b(very low|low|medium|moderate|very high|high)(?:-| )(?:likelihood|probability|chance|risk)\b(?! (?:patients?|areas?|groups?|items?|changes?|list)\b)|\b(?:is |it's |pretty |very |quite )?(likely|unlikely)\b/;
export const IMPACT =
  /\b(low|medium|high)[- ]risk\b(?! (?:patients?|areas?|groups?|items?|changes?|list)\b)|\bimpact\b[^.?!]{0,25}?\b(very low|low|medium|moderate|very high|high|huge|big|small|minor|major|severe|significant|massive)\b|\b(low|medium|moderate|high|huge|big|small|minor|major|severe|significant|massive)(?:-| )impact\b/;
export const MITIGATION =
  /\b(?:mitigat\w+|(?:the )?(?:mitigation|fallback|workaround|contingency)(?: plan)? is|rollback plan|war room|as a fallback|plan b|in the meantime|to be safe|(?:we're|i'm) (?:reprioriti[sz]ing|adding|moving|working around|rolling back|hiring|backfilling))\b/;

export const ESCALATION =
  /\b(?:escalat(?:e|es|ed|ing)\b|(?:an|this|the) escalation (?:to|for)|need(?:s)? (?:an? )?(?:exec|executive|vp|leadership|cto|ceo|cfo|director|senior)\w*(?: level)? (?:input|sign[- ]?off|approval|decision|help|visibility|support|call|attention|awareness)|(?:exec|executive|vp|leadership|cto|ceo|cfo)\w* (?:sign[- ]?off|approval|visibility|awareness|input|decision|attention)|(?:take|bring|raise|kick|push|flag)(?: (?:this|it|that|them))?(?: up)? (?:to|with) (?:the |our |my )?(?:vp|cto|ceo|cfo|exec|execs|executives|leadership|steering|director|board|elt|slt|eng leadership)|for (?:exec |cfo |vp |executive |leadership )?(?:sign[- ]?off|approval)|above (?:my|our) (?:pay grade|level|head)|(?:request|ask for|need|needs|requesting) (?:more |additional |contractor |extra |some )?(?:budget|headcount|funding)|budget approval|need(?:s)? sign[- ]?off|need (?:the )?(?:cfo|ceo|cto|vp|exec\w*|leadership|board|director)\w* to (?:sign off|approve|weigh in|decide|okay)|needs? to go to (?:the )?(?:leadership|exec\w*|board|vp|cto|ceo|cfo)|not our call|needs? (?:a )?decision (?:from|above))\b/;

export const DONE =
  /\b(?:that's done|it's done|already done|that one's done|(?:is|are|was|been|got) (?:done|finished|completed|resolved|closed|fixed)|we(?:'ve| have) (?:done|finished|resolved|closed|fixed) (?:that|it)|consider it done|knocked (?:that|it) out|checked off|crossed off)\b/;

export const RATIONALE_CLAUSE =
  /\b(?:because|since|the reason (?:is|being)|rationale(?: is)?:?|so that|given that|that way)\s+(.*)$/;
export const RATIONALE_SENTENCE =
  /^(?:(?:it|that|this)(?:'ll| will| would)? (?:reduces?|saves?|cuts?|meets?|gives?|keeps?|lets?|means?|avoids?|protects?|unblocks?|simplifies|removes?|covers?)|the (?:reason|rationale|upside|benefit) (?:is|being)|rationale)\b/;

export const OPEN_QUESTION =
  /\b(?:open question|asked (?:me|us) (?:whether|if)|(?<!\b(?:i|i'd|we|we'd) )(?:wants?|wanted) to know (?:whether|if|when|how|what|who)|(?:the|one|big) question is|question (?:is )?whether|we (?:still )?don't know (?:if|whether|how|what|when|who|why)|unclear (?:whether|if|how)|to be determined|need to figure out|need to find out|not sure (?:whether|if))\b/;
/** Questions about the call itself, or tags, that no note-taker writes down. */
export const NOT_AN_OPEN_QUESTION =
  /^(?:did (?:i|we) miss anything|did anyone (?:catch|see|watch)|how did the .{1,30} go|how (?:was|were|is|are) (?:your|everyone's|everybody's|the) (?:weekend|week|holiday|holidays|trip|vacation|morning|day)|how's (?:everyone|everybody|it going|your)|(?:can|may|shall|should) i\b|do you want me to|want me to|(?:\w+, )?(?:do you want|would you like|want) to (?:talk about|go|start|take|cover|say|add|walk us|present|update us)\b|(?:right|okay|ok|yeah|no|huh|what|sorry|really|correct|yes)\??$|(?:does|did) (?:that|this) make sense|any (?:other )?(?:questions|thoughts|comments|objections)|can (?:everyone|you|everybody) (?:hear|see)|(?:is|are) (?:everyone|everybody|we) (?:good|ok|okay|here|ready|done)|(?:who|what) (?:else|was that|did you say)|how are (?:you|things)|how's it going|should i (?:go|start|share)|what do you (?:mean|think|reckon)|(?:what|how) about you|is that (?:right|it|okay|ok)|you know\b|see what i mean|make sense|anything else|are we done|where was i|shall we start)/;
export const TAG_QUESTION =
  /(?:,\s*)?(?:right|isn't it|aren't they|don't you think|yeah|okay|ok|no|correct|you know|huh|eh|won't it|didn't we|don't we|isn't that so)\?$/;
/** A reply that leaves the question open, wherever it stands in the reply. */
export const NON_ANSWER =
  /\b(?:i don't know|don't know|no idea|not sure|i'm not sure|let me (?:check|think|find out)|we'll (?:have to )?(?:see|check|find out)|i'd have to check|tbd|that's the question|that's what i'm wondering|dunno|who knows|nobody knows|no one knows|wouldn't bet|still thinking|haven't decided|not decided|undecided|thinking about it|no decision yet|didn't answer|didn't know|i'll find out|let me find out|i'll check|i'll get back to you|let's come back to (?:that|it|this)|let's revisit|let's (?:table|park) (?:that|it|this)|no clue|not that i know|no answer yet|haven't heard|waiting to hear|(?:he|she|they)'d check|(?:he|she|they)'ll check|don't have an answer|(?:it )?depends on|let's not (?:solve|decide|answer|settle)|(?:leave|keep) (?:it|that|this) open|note (?:it|that|this) as open|put it on the list|(?:that's|it's) (?:a|the) (?:real|good|open|fair) question|good question|not (?:yet )?confirmed|don't look at me|until (?:we|i|they) (?:know|hear|find out)|beats me|search me|your guess is as good|not my (?:call|department|area)|haven't (?:been )?told|no one has told|nobody has told|can't promise)\b/;
/** A reply that moves the meeting on instead of answering what was just asked. */
export const MOVING_ON =
  /^(?:(?:okay|ok|alright|right|so|good|thanks|thank you)[,.!]?\s*)*(?:moving on|let's move on|next(?: item| up| topic)\b|next[.!,:]|anyway|anything else|let's (?:not|leave|park|table|come back)|(?:let's|we'll) (?:come back|circle back))/;
/** Put off to a later agenda point: "which I'll bring up in risks", "I'll just talk about it there". */
export const RAISED_LATER =
  /\b(?:i'll|i will|we'll|let me|i can|i'd) (?:just )?(?:talk about|bring (?:it |that |this )?up|cover|get to|come back to|raise|discuss|go into)\b.{0,40}\b(?:in|under|during|at|when we get to) (?:the )?(?:risks?|risk section|blockers|later|my (?:risk|update|section))\b|\btalk about it there\b|\bmore on (?:that|this|it) (?:in|under|later)\b/;
/** A reply that only acknowledges ("Okay.", "Hm.", "Got it."): it answers nothing. */
export const ACKNOWLEDGEMENT =
  /^(?:okay|ok|right|thanks|thank you|hm+|mm+|uh+|um+|got it|noted|cool|great|good|understood|i see|sounds good)[.!,]*$/;
/** Someone saying out loud that a question stays open. */
export const STILL_OPEN =
  /\b(?:nobody knows|no one knows|(?:so )?that's (?:still )?open|still open|stays open|note (?:it|that|this) as open|keep (?:it|that|this) open|open question|tbd|to be determined|(?:you|we) don't need to decide today|(?:so )?we don't know(?: yet)?[.!]?$|(?:i )?don't think (?:we|anyone|anybody|they) knows?\b|leave (?:it|that|this) (?:as )?open|(?:is|as) an open question|let's not (?:solve|answer|settle) (?:it|that|this)|put (?:it|that|this) on the (?:list|parking lot|open list))/;

/** Sections of a template other than the item lists, and the words that place a sentence in them. */
export const SECTION_CUES: Partial<Record<string, RegExp>> = {
  staffing:
    /\b(?:hire[sd]?|hiring|offers?|accepted|candidates?|reqs?|requisitions?|backfill\w*|headcount|recruit\w*|jd|job description|onsite|final rounds?|interview\w*|start date|starts on|joins|joining|resigned|notice period|new hire)\b/,
  roadmap:
    /\b(?:shipped|launched|released|in progress|on track|off track|delayed|not started|code complete|in beta|rolled out|target date|targeting|ga date)\b/,
  initiatives:
    /\b(?:initiative|multi-region|failover|investment|okrs?|architecture review|drill|provisioning|build times?)\b/,
  upcoming: /\b(?:next sprint|sprint starting|upcoming|coming up|kick(?:ing)? off|product intent|engineering flag)\b/,
  constraints:
    /\b(?:constraint|maintenance window|downtime|requires? ios|requires? android|dependency|depends on|rate limit\w*|only supports|quota|contract allows|per day|a day limit)\b/,
};

/** A heading said aloud in a summary: "Actions.", "Decided, …", "Pending: …". Group 1 is the heading. */
export const HEADING =
  /^(?:(?:so|okay|ok|and|right)[,.]?\s*)?(decisions?|decided|pending|actions?|action items?|next steps?|escalations?|risks?|open questions?|to-?dos?|follow-?ups?)(?:[:.,;\-–—]+\s*|$)/;
/** Someone starting a summary of the meeting. */
export const RECAP =
  /\b(?:let me (?:just )?recap|to recap|quick recap|recap(?:ping)?|to summari[sz]e|in summary|let me summari[sz]e|so to confirm|just to confirm|let me read (?:it |them )?(?:back|out))\b/;
/** The person who decides, deciding: the content usually follows in the next sentence. */
export const DECISION_CALL =
  /\b(?:i'm making the call|i'll make the call|making the call|my call is|(?:it's|that's) my call|final call|the call is)\b/;
/** Handing a decision to the person who carries it out: "Farah, you own it", "Jun, that's yours". Group 1 the name. */
export const EXECUTOR =
  /^(?:(?:and|so|okay|ok)[,]?\s+)?(?:(\p{Lu}\p{Ll}+),\s+(?:you(?:'ll| will| own| take| lead| run| drive| handle)\b|you're (?:on (?:it|this|that|point)|up|the owner|in charge|(?:driving|leading|running|owning|taking|handling)\b)|(?:it's|that's|this is) (?:yours|on you)\b|(?:can|could|will|would) you\b)|(\p{Lu}\p{Ll}+) (?:owns|takes|leads|drives|runs) (?:that|it|this)\b)/u;
/** Taking ownership of what was just raised. */
export const OWNERSHIP =
  /\b(?:(?:i'll|i will|i can|i'm happy to|let me) own (?:it|that|this|that risk|this risk|that one|this one|the risk)|(?:that's|it's) (?:mine|on me)|i own (?:it|that|this))\b/;
/** Handing ownership of what was just raised to the person who raised it. */
export const YOUR_RISK = /\b(?:that's your (?:risk|one|item)|you own (?:it|that|this)|(?:is|it's) yours(?: to own)?)\b/;

/** Base-form verbs that open an instruction: "Priya, resolve the latency…". */
export const IMPERATIVE_VERB =
  /^(?:please\s+)?(?:resolve|align|confirm|send|share|draft|write|prepare|put|set|schedule|book|update|review|check|follow|reach|ping|email|call|ask|talk|speak|sync|coordinate|file|create|build|fix|investigate|look|dig|find|figure|post|publish|circulate|document|own|take|handle|run|organi[sz]e|contact|get|loop|compile|pull|order|buy|test|deploy|ship|implement|finali[sz]e|finish|complete|submit|bring|research|work|make|chase|escalate|flag|add|cover|pair|start|kick|raise|propose|evaluate|analy[sz]e|measure|benchmark|estimate|scope|plan|design|mock|prototype|assess|verify|validate|audit|clean|migrate|rerun|redo|tell|let|grab|release|rotate|move|open|close|merge|land|block|unblock|remove|drop|cancel|nudge|remind|invite|introduce|hand|give|pick|write|read|summari[sz]e|capture|track|monitor|watch|keep|make sure|double-check)\b/;

/** Asking the room to agree: the statement before it, or after it, becomes a proposal. Group 1: the "after". */
export const CALL_FOR_AGREEMENT =
  /^(?:(?:so|okay|ok|and)[,]?\s+)*(?:are we (?:all )?agreed(?: on| that)?|are we all (?:happy|good|okay|ok) (?:with|about)(?: the idea of)?|is everyone (?:happy|good|okay|ok) with|everyone (?:happy|good|okay|ok) with|does (?:that|this) work for everyone|any objections|objections|agreed|sound good|sounds good|everyone okay|all good|yes)[,:]?\s*(.*?)\??$/;
/** Replies that accept a call for objections ("Any objections?" — "No." / "None."). */
export const NO_OBJECTION = /^(?:no|nope|none|no objections?|not from me|nothing from me|all good|fine by me)\b/;
/** "Here's what I'd propose." — the proposal follows in the next sentences. */
export const PROPOSAL_LEAD =
  /^(?:(?:so|okay|ok)[,]?\s+)*(?:here's what i'd (?:propose|suggest|recommend)|here's my (?:proposal|suggestion|recommendation)|what i'd (?:propose|suggest) is|my (?:proposal|suggestion|recommendation) is|(?:can|could|may) i (?:propose|suggest) something(?: \w+(?: \w+)?(?: the \w+)?)?|i have a (?:proposal|suggestion)|one (?:proposal|suggestion))[.:,?]?$/;
/** "Can I raise a risk?" — the next thing the speaker says is the risk. */
export const RISK_ANNOUNCE =
  /\b(?:raise|flag|add|mention|log) (?:a|one|another) (?:risk|concern)\b|\b(?:one more|another) risk\b/;
/** "That could bite us." — a short verdict that what was just said is a risk. */
/**
 * "That's the risk I'm going to lose sleep over", "that's my biggest worry": a verdict on what was just said,
 * however long; "the risk that the vendor leaves" and "a risk of churn" say the risk themselves.
 */
export const NAMES_THAT_A_RISK =
  /^(?:(?:oh|yeah|okay|so|honestly)[,.]?\s+)*(?:that's|that is|this is|it's|that one's) (?:the|a|my|our|one) (?:(?:big|biggest|main|real|top|scariest|one)\s+)?(?:risk|worry|concern)\b(?! (?:is|of|here|that (?!i\b|we\b)))/;
export const RISK_VERDICT =
  /^(?:(?:oh|yeah|hmm|okay|so|honestly)[,.]?\s+)*(?:(?:that's|that|it's|this)[—–-]+\s*)?(?:that|this|it)(?:'s| is| could| would| might| will)? (?:(?:be )?(?:a |an )?(?:real |small |big |huge |serious |minor |major |genuine |bit of a )?(?:risk|problem|concern)\b|bite us|worries me|(?:is )?scary|hurt(?: us)?|(?:be )?bad|blow up)/;

/** A speaker correcting what they just said: "Actually, I'll send it today." (read on the raw words). */
export const CORRECTION =
  /\b(?:actually|sorry|make that|scratch that|no wait|i mean|correction|(?:will|is going to|gonna) slip to|moves? to|push(?:ed)? (?:it )?(?:out )?to)\b/i;

/** Agreement in so many words, enough to turn a plain statement into a decision. */
export const EXPLICIT_AGREEMENT =
  /^(?:(?:yeah|yes|okay|ok)[,.!]?\s*)*(?:agreed|i agree|we agree|sounds good|makes sense|let's do (?:it|that)|works for me)\b/;

/** Words of a status report: how far along the work is. */
export const STATUS =
  /\b(?:on track|off track|delayed|behind|ahead of|completed?|finished|underway|in progress|scheduled|blocked|shipped|launched|released|reduced|increased|down|up|target(?:ed|ing)?|percent|drill|review|migrat\w*|provision\w*|milestone|phase|roll(?:ed)? out|q[1-4]|green|yellow|amber|red|addressing|bottleneck|sprints?)\b/;

/** "No, I can't this week": a date in a refusal is not a deadline. */
export const REFUSAL = /^(?:no|nope|sorry)\b|\b(?:can't|cannot|won't|not able to|unable to|no way)\b/;

/** The step of an escalation: "take it to Lena", "raise it with the VP". */
export const ESCALATION_STEP = /^(?:take|raise|bring|flag|escalate|push|kick)\b/i;

/** Section names said as a heading ("Okay. Strategic initiatives.", "Let's do staffing.") move the agenda. */
export const AGENDA: [SectionKind, RegExp][] = [
  ["metrics", /\b(?:metrics|numbers|key metrics)\b/],
  ["staffing", /\b(?:staffing|hiring updates?|headcount)\b/],
  ["risks", /\b(?:risks|major risks)\b/],
  ["initiatives", /\b(?:strategic initiatives|initiatives)\b/],
  ["roadmap", /\b(?:roadmap|roadmap status)\b/],
  ["upcoming", /\b(?:upcoming work|upcoming)\b/],
  ["constraints", /\b(?:technical constraints|constraints)\b/],
];
