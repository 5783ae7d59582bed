import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ItemView } from "../api/live-protocol.js";
import type { EventMessage } from "../client/live-client.js";
import { createItem } from "../core/item.js";
import { LiveOutput, readLiveSegments } from "./live-command.js";

function item(id: string, text: string): ItemView {
  return {
    ...createItem({ id, kind: "action", section: "actions", text }),
    review: "suggested",
    edited: [],
    links: {},
  };
}

function event(seq: number, event: EventMessage["event"]): EventMessage {
  return { type: "event", seq, at: "2025-03-17T10:00:00.000Z", segmentId: null, event };
}

describe("docket live's output", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([true, false])("counts only the items still standing in its summary (json: %s)", (json) => {
    const printed: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const output = new LiveOutput(json, 0);
    output.event(event(1, { kind: "item.added", item: item("action-1", "Send the deck") }));
    output.event(event(2, { kind: "item.added", item: item("action-2", "Send the deck to Raj") }));
    // The engine merged the second into the first.
    output.event(event(3, { kind: "item.removed", itemId: "action-2" }));
    output.done({ reconnects: 0, resent: 0, gaps: 0, repeatedEvents: 0, slowDowns: 0 });
    const last = printed.at(-1) ?? "";
    if (json) expect(JSON.parse(last)).toMatchObject({ type: "done", items: 1 });
    else expect(last).toContain("1 item(s) seen");
  });
});

describe("readLiveSegments", () => {
  it("sends the cues it can read and tells which it skipped", async () => {
    const folder = await mkdtemp(join(tmpdir(), "docket-live-"));
    try {
      const file = join(folder, "call.vtt");
      await writeFile(
        file,
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nRosa: hi\n\n00:00:03.000 --> 00:00:60.000\nSam: lost\n",
      );
      const warnings: string[] = [];
      const segments = await readLiveSegments(file, (warning) => warnings.push(warning));
      expect(segments.map((s) => s.text)).toEqual(["hi"]);
      expect(warnings).toEqual([`${file}:6: cue skipped: timestamp "00:00:60.000" is not a valid time`]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
