import { describe, expect, it } from "vitest";
import { digitizeNumbers, parseNumberWords } from "./numbers.js";

describe("digitizeNumbers", () => {
  it.each([
    ["velocity was eighty-four points", "velocity was 84 points"],
    ["eighty four points", "84 points"],
    ["Eighty-Four", "84"],
    ["two incidents", "2 incidents"],
    ["zero attrition", "0 attrition"],
    ["forty-two minutes", "42 minutes"],
    ["nineteen", "19"],
    ["twenty-one", "21"],
    ["a hundred and twenty", "120"],
    ["one hundred and twenty", "120"],
    ["a hundred", "100"],
    ["three hundred", "300"],
    ["twelve hundred", "1200"],
    ["one thousand two hundred", "1200"],
    ["a thousand users", "1000 users"],
    ["two, three", "2, 3"],
    ["one point five million in Q1 bookings", "1.5 million in Q1 bookings"],
    ["coverage drops to one point four x", "coverage drops to 1.4 x"],
    ["the two point eight release", "the 2.8 release"],
    ["the point is that we ship", "the point is that we ship"],
  ])("cardinal %j → %j", (input, expected) => {
    expect(digitizeNumbers(input)).toBe(expected);
  });

  it.each([
    ["the twenty-eighth", "the 28th"],
    ["the twenty eighth", "the 28th"],
    ["the thirty-first", "the 31st"],
    ["the twentieth", "the 20th"],
    ["the twelfth", "the 12th"],
    ["the third", "the 3rd"],
    ["by the twenty-second", "by the 22nd"],
  ])("ordinal %j → %j", (input, expected) => {
    expect(digitizeNumbers(input)).toBe(expected);
  });

  it.each([
    "one",
    "first",
    "one of us",
    "the first thing",
    "the second option",
    "an hour",
    "twenty twenty-five",
    "in twenty twenty-five",
    "nineteen ninety-nine",
    "someone",
    "oneself",
    "often",
    "stone",
  ])("leaves %j as words", (input) => {
    expect(digitizeNumbers(input)).toBe(input);
  });

  it("digitizes several numbers in one sentence and leaves the rest alone", () => {
    expect(
      digitizeNumbers("So platform, velocity was eighty-four points, two incidents, MTTR forty-two minutes."),
    ).toBe("So platform, velocity was 84 points, 2 incidents, MTTR 42 minutes.");
  });
});

describe("parseNumberWords", () => {
  it.each([
    ["eighty-four", { value: 84, ordinal: false }],
    ["a hundred and twenty", { value: 120, ordinal: false }],
    ["two thousand and five", { value: 2005, ordinal: false }],
    ["twenty-eighth", { value: 28, ordinal: true }],
    ["first", { value: 1, ordinal: true }],
    ["zero", { value: 0, ordinal: false }],
  ])("%j → %j", (phrase, expected) => {
    expect(parseNumberWords(phrase)).toEqual(expected);
  });

  it.each(["two three", "twenty thirty", "first second", "twenty-eighth one", "banana"])(
    "%j is not one number",
    (phrase) => {
      expect(parseNumberWords(phrase)).toBeNull();
    },
  );
});
