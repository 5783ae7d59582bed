import { describe, expect, it } from "vitest";
import { parseClockTime, roundSeconds } from "./timestamps.js";

describe("parseClockTime", () => {
  it.each([
    ["00:00:50.420", 50.42],
    ["01:02:03.004", 3723.004],
    ["00:00:03,220", 3.22], // SRT comma
    ["0:0:5.320", 5.32], // Teams, unpadded
    ["0:0:0.0", 0],
    ["0:1:2.5", 62.5],
    ["00:01.000", 1], // WebVTT MM:SS.mmm
    ["75:10.000", 4510], // minutes past 59 without an hours field
    ["1:02", 62], // Otter M:SS
    ["1:02:07", 3727], // Otter H:MM:SS
    ["00:00:01.1234567", 1.123], // more than 3 fraction digits: rounded to the ms
  ])("reads %s as %d s", (text, seconds) => {
    expect(parseClockTime(text)).toBe(seconds);
  });

  it.each(["00:01:xx.000", "00:60:00.000", "00:00:60.000", "", "12", "1:2:3:4", "a:bc", "00:00:01.", " 00:00:01"])(
    "rejects %j",
    (text) => {
      expect(parseClockTime(text)).toBeNull();
    },
  );

  it("rounds JSON float noise to the millisecond", () => {
    expect(roundSeconds(7.585000000001)).toBe(7.585);
    expect(roundSeconds(17.279999)).toBe(17.28);
  });
});
