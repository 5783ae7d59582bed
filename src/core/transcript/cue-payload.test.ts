import { describe, expect, it } from "vitest";
import { readCuePayload } from "./cue-payload.js";

describe("readCuePayload", () => {
  it.each([
    [["<v Rosa Diaz>Hello</v>"], [{ speaker: "Rosa Diaz", text: "Hello" }]],
    [["<v Rosa>Hello"], [{ speaker: "Rosa", text: "Hello" }]],
    [["<v.loud.first Rosa Diaz>Hello</v>"], [{ speaker: "Rosa Diaz", text: "Hello" }]],
    [
      ["<v Rosa>Hi</v> <v Sam>Hey</v>"],
      [
        { speaker: "Rosa", text: "Hi" },
        { speaker: "Sam", text: "Hey" },
      ],
    ],
    [
      ["<v Rosa>Hi", "<v Sam>Hey"],
      [
        { speaker: "Rosa", text: "Hi\n" },
        { speaker: "Sam", text: "Hey" },
      ],
    ],
    [["<v Rosa>Note: still Rosa</v>"], [{ speaker: "Rosa", text: "Note: still Rosa" }]],
    [["Zoom Name: text"], [{ speaker: "Zoom Name", text: "text" }]],
    [
      ["Rosa: first", "continued", "Sam: second"],
      [
        { speaker: "Rosa", text: "first\ncontinued" },
        { speaker: "Sam", text: "second" },
      ],
    ],
    [
      ["<c.yellow>a</c> <i>b</i> <b>c</b> <u>d</u> <00:00:01.000>e <lang en>f</lang> <ruby>g<rt>h</rt></ruby>"],
      [{ speaker: null, text: "a b c d e f gh" }],
    ],
    [["a < b and c > d"], [{ speaker: null, text: "a < b and c > d" }]],
    [["&lt;v Sam&gt; is escaped"], [{ speaker: null, text: "<v Sam> is escaped" }]],
    [["<v Tom &amp; Jerry>hi"], [{ speaker: "Tom & Jerry", text: "hi" }]],
    [["<v>nameless"], [{ speaker: null, text: "nameless" }]],
  ])("%j", (lines, spans) => {
    expect(readCuePayload(lines)).toEqual(spans);
  });
});
