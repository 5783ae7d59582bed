import { describe, expect, it } from "vitest";
import { readUploadSegments, uploadSegments } from "./read-upload.js";

// 5 MB of short `Name: text` lines: seconds of parsing, as issue 13's 100,000-line upload.
const BIG = Array.from({ length: 100_000 }, (_, i) => `Speaker ${i % 4}: we check item ${i} by Friday.`).join("\n");

describe("readUploadSegments", () => {
  it("reads a large file off this thread: timers keep running while it reads, and the segments are the same", async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 5);
    try {
      const segments = await readUploadSegments(BIG, "big.txt");
      expect(ticks).toBeGreaterThan(3);
      expect(segments).toEqual(uploadSegments(BIG, "big.txt"));
    } finally {
      clearInterval(timer);
    }
  });

  it("refuses a large file over the speech limit in its worker, naming the count and the limit, as on this thread", async () => {
    const refusal = {
      code: "too_large",
      message: "big.txt: the transcript has 2,988,890 characters of speech; an upload takes at most 1,000,000",
    };
    expect(() => uploadSegments(BIG, "big.txt", { maxChars: 1_000_000 })).toThrow(expect.objectContaining(refusal));
    await expect(readUploadSegments(BIG, "big.txt", { maxChars: 1_000_000 })).rejects.toMatchObject(refusal);
    const reading = await readUploadSegments(BIG, "big.txt", { maxChars: 2_988_890 });
    expect(reading.segments).toHaveLength(100_000);
  });

  it("reports the cue a large file's reader skipped by file and line, as on this thread", async () => {
    const bad = `WEBVTT\n\n${"1\n00:00:01.000 --> 00:00:02.000\nAna: hi\n\n".repeat(10_000)}2\n00:00:0x --> 00:00:03.000\nBo: yo\n`;
    const reading = await readUploadSegments(bad, "call.vtt");
    expect(reading).toEqual(uploadSegments(bad, "call.vtt"));
    expect(reading.warnings).toEqual([expect.stringMatching(/^call\.vtt:40004: /)]);
  });

  it("names the file of a large file it cannot read at all, as on this thread", async () => {
    const binary = `\u0000\u0001${"x".repeat(300_000)}`;
    await expect(readUploadSegments(binary, "call.wav")).rejects.toMatchObject({
      code: "bad_input",
      message: expect.stringMatching(/^call\.wav/),
    });
  });
});
