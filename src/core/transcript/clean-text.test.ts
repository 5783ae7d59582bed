import { describe, expect, it } from "vitest";
import { collapseWhitespace, decodeEntities } from "./clean-text.js";

describe("decodeEntities", () => {
  it.each([
    ["Q&amp;A", "Q&A"],
    ["&lt;b&gt;", "<b>"],
    ["it&#39;s", "it's"],
    ["it&#x2019;s", "it’s"],
    ["a&nbsp;b", "a\u00a0b"],
    ["&quot;x&quot; &apos;y&apos;", `"x" 'y'`],
    ["&AMP;", "&"],
    ["&unknown; & alone &amp", "&unknown; & alone &amp"], // unknown or unterminated entities stay
    ["&#0; &#xD800; &#99999999;", "&#0; &#xD800; &#99999999;"], // not valid code points
  ])("%j → %j", (input, output) => {
    expect(decodeEntities(input)).toBe(output);
  });
});

describe("collapseWhitespace", () => {
  it("trims and joins lines, tabs and no-break spaces into single spaces", () => {
    expect(collapseWhitespace("  one\n two\t\tthree\u00a0four  ")).toBe("one two three four");
  });
});
