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
    // A tag never closed runs to the end of the cue as its annotation (the WebVTT tokenizer's end-of-file rule):
    // the voice is named, nothing is said, and the name does not leak into the text.
    [["<v It's a blue apple tree!"], [{ speaker: "It's a blue apple tree!", text: "" }]],
    [
      ["<v Rosa>Hi</v> <v Sam"],
      [
        { speaker: "Rosa", text: "Hi" },
        { speaker: "Sam", text: "" },
      ],
    ],
    [["<i>yes</i> and <i unfinished"], [{ speaker: null, text: "yes and " }]],
    [["costs <maybe more"], [{ speaker: null, text: "costs <maybe more" }]],
  ])("%j", (lines, spans) => {
    expect(readCuePayload(lines)).toEqual(spans);
  });
});
