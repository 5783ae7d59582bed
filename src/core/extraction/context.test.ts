import { describe, expect, it } from "vitest";
import { antecedentOf, withAntecedent } from "./context.js";
import { splitSentences } from "./text.js";

const read = (turn: string, i: number) => {
  const sentences = splitSentences(turn);
  const antecedent = antecedentOf(sentences, i);
  return withAntecedent(antecedent, sentences[i]!, sentences[i]!.text);
};

describe("a sentence that points back is read with what it points to", () => {
  it.each(["Tomorrow's fine.", "Friday works for me.", "Sure, no problem.", "That's fine by me."])(
    "%j says yes to a time or a plan and names nothing a pronoun could point to",
    (consent) => {
      const r = read(`${consent} I'll send them to you in the morning.`, 1);
      expect(r.text).toBe("I'll send them to you in the morning.");
    },
  );

  it("prefixes the topic the turn named before the pronoun", () => {
    const r = read("Also, the after-school tutoring bus. The grant pays through March. Is it funded after that?", 2);
    expect(r.text).toBe("The after-school tutoring bus; The grant pays through March — is it funded after that?");
    expect(r.quote).toBe("Also, the after-school tutoring bus. The grant pays through March. Is it funded after that?");
  });

  it.each([
    ["Is the tutoring bus funded after the grant ends in March and who decides?", 0],
    ["The bus contract renews in March. Who signs the renewal for the district transport office next year?", 1],
    ["Okay. Thanks. Is it funded?", 2],
  ])("leaves alone a sentence that names its subject or has nothing before it: %s", (turn, i) => {
    const sentences = splitSentences(turn);
    expect(antecedentOf(sentences, i)).toEqual([]);
  });

  it("does not reach past a question", () => {
    const sentences = splitSentences("Who owns the bus? Is it funded?");
    expect(antecedentOf(sentences, 1)).toEqual([]);
  });
});
