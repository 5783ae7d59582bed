import { describe, expect, it } from "vitest";
import { cleanItemText, contentWordSet, normalize, overlap, splitSentences, wordCount } from "./text.js";

const texts = (raw: string) => splitSentences(raw).map((s) => s.text);

describe("splitSentences", () => {
  it("splits on sentence punctuation and keeps the raw words for quotes", () => {
    const sentences = splitSentences("Um, we ship Friday. Does that work? Great!");
    expect(sentences.map((s) => s.raw)).toEqual(["Um, we ship Friday.", "Does that work?", "Great!"]);
    expect(sentences[0]!.text).toBe("we ship Friday.");
    expect(sentences[0]!.lower).toBe("we ship friday.");
  });

  it.each([
    ["I'll send it by 5 p.m. Friday. Then we review.", ["I'll send it by 5 p.m. Friday.", "Then we review."]],
    ["Mr. Jones will call at 9 a.m. tomorrow; then lunch.", ["Mr. Jones will call at 9 a.m. tomorrow;", "then lunch."]],
    ["Dr. Smith will join. Okay?", ["Dr. Smith will join.", "Okay?"]],
    ["We ship e.g. the API. Then docs!", ["We ship e.g. the API.", "Then docs!"]],
    ["the rate is 3.5 percent. Next", ["the rate is 3.5 percent.", "Next"]],
  ])("does not end a sentence at an abbreviation or a decimal point: %j", (raw, expected) => {
    expect(texts(raw)).toEqual(expected);
  });

  it.each([
    ["Um, I can I can say that, uh, we we need more time.", "I can say that, we need more time."],
    ["the the the cat", "the cat"],
    ["Really really big", "Really big"],
    ["Uhh, the umpire said hmm", "the umpire said"],
    ["Sorry, I mean, you know, it's basically done", "Sorry, it's done"],
  ])("drops fillers and restarts: %j → %j", (raw, expected) => {
    expect(texts(raw)).toEqual([expected]);
  });

  it("keeps words that merely start like a filler", () => {
    expect(texts("The umbrella is blue.")).toEqual(["The umbrella is blue."]);
  });

  it.each(["uh", "...", "Um. Uh.", "   ", ""])("drops pieces with nothing but fillers or punctuation: %j", (raw) => {
    expect(splitSentences(raw)).toEqual([]);
  });

  it("writes spelled numbers as digits and straightens curly quotes", () => {
    const [s] = splitSentences("It’s “eighty-four” points");
    expect(s?.text).toBe(`It's "84" points`);
    expect(s?.raw).toBe("It’s “eighty-four” points");
  });
});

describe("normalize", () => {
  it("single-spaces and removes space before punctuation", () => {
    expect(normalize("we   ship  ,  then   review .")).toBe("we ship, then review.");
    expect(normalize("we\tship\n \nthen  \r review")).toBe("we ship then review");
  });

  it("keeps one copy of a restarted run of words, across tabs and line breaks", () => {
    expect(normalize("I can I can\tsay we we\nneed it")).toBe("I can say we need it");
    expect(normalize("the the the end")).toBe("the end");
    expect(normalize("And I'll, um, I'll write the note.")).toBe("And I'll write the note.");
    // Only whole words repeat: "we were" is not "we" restarted.
    expect(normalize("we were there")).toBe("we were there");
  });

  it("straightens curly quotes and reads a decimal said aloud with no number word in it", () => {
    expect(normalize("It’s “done”")).toBe(`It's "done"`);
    expect(normalize("churn is at 2 point 5 now")).toBe("churn is at 2.5 now");
  });

  it("drops what the transcriber noted about the sound", () => {
    expect(normalize("[laughs] Okay, decided. We ship (inaudible) Friday.")).toBe("Okay, decided. We ship Friday.");
  });

  it("keeps words in brackets that were said", () => {
    expect(normalize("The tag [lower price] fails AA.")).toBe("The tag [lower price] fails AA.");
  });
});

describe("cleanItemText", () => {
  it.each([
    ["So, okay, we'll ship it.", "We'll ship it"],
    ["And yeah we ship on Friday, I think.", "We ship on Friday"],
    ["Yeah, yes, so, the plan is fine", "The plan is fine"],
    ["Look, we ship it", "We ship it"],
    ["Well, we ship", "We ship"],
    ["Right, the rollout", "The rollout"],
    ["ship it, right?", "Ship it"],
    ["alright, alright, fine.", "Fine"],
    ["draft the plan;  ", "Draft the plan"],
    ["Then expense it.", "Expense it"],
    ["Decision: we move Petrel to Q4.", "We move Petrel to Q4"],
    ["Action item - send the deck", "Send the deck"],
  ])("drops openers and trailing tags: %j → %j", (clause, expected) => {
    expect(cleanItemText(clause)).toBe(expected);
  });

  it.each([
    ["Look at the market potential", "Look at the market potential"],
    ["Now we ship", "Now we ship"],
    ["So we should right-size it", "We should right-size it"],
  ])("keeps words that carry meaning: %j → %j", (clause, expected) => {
    expect(cleanItemText(clause)).toBe(expected);
  });
});

describe("wordCount, contentWordSet and overlap", () => {
  it("counts words with apostrophes and hyphens as one", () => {
    expect(wordCount("I'll send the right-size deck")).toBe(5);
    expect(wordCount("")).toBe(0);
  });

  it("counts exactly what the word pattern matches, whatever the characters", () => {
    const WORD = /[a-z0-9][a-z0-9'-]*/gi;
    const alphabet = "aZ09'- \r\n\t\u0007@[`{é\u017f\u212a.,";
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let n = 0; n < 5000; n++) {
      let text = "";
      for (let i = Math.floor(next() * 12); i > 0; i--) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(wordCount(text), JSON.stringify(text)).toBe(text.match(WORD)?.length ?? 0);
    }
  });

  it("keeps content words, singular, without stop words", () => {
    expect([...contentWordSet("We'll send the decks to the teams, okay?")].sort()).toEqual([
      "deck",
      "send",
      "team",
      "we'll",
    ]);
  });

  it("scores shared content words as a Dice coefficient", () => {
    const a = contentWordSet("resolve auth latency");
    const b = contentWordSet("resolve the auth latency or roll back");
    expect(overlap(a, a)).toBe(1);
    expect(overlap(a, b)).toBeCloseTo((2 * 3) / (3 + 5));
    expect(overlap(a, contentWordSet("hire iOS engineer"))).toBe(0);
    expect(overlap(a, new Set())).toBe(0);
  });
});
