import { describe, expect, it } from "vitest";
import { decodeNotice, encodeNotice } from "./fan-out.js";

describe("event notices", () => {
  it("round-trip, and stay small", () => {
    const notice = { meetingId: "6e3e674b-c665-42ce-9080-205d18505958", seq: 42, origin: "0b5e…" };
    const payload = encodeNotice(notice);
    expect(decodeNotice(payload)).toEqual(notice);
    expect(payload.length).toBeLessThan(120);
  });

  it.each(["", "nope", "null", "[]", '{"m":"x","s":"1","o":"y"}', '{"m":"x","s":1.5,"o":"y"}', '{"m":"x","s":1}'])(
    "ignore anything else on the channel: %s",
    (payload) => {
      expect(decodeNotice(payload)).toBeNull();
    },
  );
});
