// An upload cut short (issue 13): `docket serve` (PGlite in a folder) gets SIGTERM while a large upload runs and a
// client keeps checking its health, and must exit; a second try is then killed with SIGKILL, as a crash would; the
// third try of the same file stores the rest, each segment once, and ends the recorded meeting.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMeetingThroughApi,
  type DocketServer,
  startDocketServer,
  stopAllProcesses,
  temporaryFolder,
} from "./helpers/processes.js";

const LINES = readFileSync(new URL("../eval/corpus/ES2002a/transcript.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "");
const TOTAL = 8000;
const TEXT = `${Array.from({ length: TOTAL }, (_, i) => LINES[i % LINES.length]).join("\n")}\n`;

describe("an upload cut short by a stop and a crash", () => {
  let folder: { path: string; remove: () => Promise<void> };
  let server: DocketServer;

  beforeAll(async () => {
    folder = await temporaryFolder("docket-upload-stop");
    server = await startDocketServer({ dataDir: folder.path });
  }, 60_000);

  afterAll(async () => {
    await stopAllProcesses();
    await folder?.remove();
  });

  it("exits on SIGTERM mid-upload, and the same file uploaded again finishes and ends the meeting", async () => {
    const { token, meetingId } = await createMeetingThroughApi(server.url);
    const auth = { authorization: `Bearer ${token}` };
    const upload = () =>
      fetch(new URL(`/api/meetings/${meetingId}/transcript?filename=call.txt`, server.url), {
        method: "POST",
        headers: { ...auth, "content-type": "text/plain" },
        body: TEXT,
      }).then(
        async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }),
        () => null,
      );
    const storedSegments = async (): Promise<number> => {
      const response = await fetch(new URL(`/api/meetings/${meetingId}`, server.url), { headers: auth });
      return ((await response.json()) as { counts: { segments: number } }).counts.segments;
    };
    const partWay = async (after: number): Promise<number> => {
      for (;;) {
        const n = await storedSegments();
        if (n > after) return n;
      }
    };

    // 1. SIGTERM while the upload runs and a client keeps asking for /api/health on a kept-alive connection.
    const first = upload();
    await partWay(0);
    let polling = true;
    const poller = (async () => {
      while (polling) await fetch(new URL("/api/health", server.url)).catch(() => null);
    })();
    const code = await server.stop(); // SIGKILL after 10 s gives null
    polling = false;
    await poller;
    expect(code).toBe(0);
    const stopped = await first;
    if (stopped) expect(stopped.status).toBe(409);

    // 2. A second try, killed part-way as a crash would.
    server = await server.restart();
    const afterStop = await storedSegments();
    expect(afterStop).toBeGreaterThan(0);
    expect(afterStop).toBeLessThan(TOTAL);
    const second = upload();
    await partWay(afterStop);
    await server.kill();
    expect(await second).toBeNull();

    // 3. The third try stores what is missing and ends the meeting.
    server = await server.restart();
    const afterCrash = await storedSegments();
    expect(afterCrash).toBeGreaterThan(afterStop);
    expect(afterCrash).toBeLessThan(TOTAL);
    const third = await upload();
    expect(third).toMatchObject({
      status: 200,
      body: { segments: TOTAL - afterCrash, duplicates: afterCrash, status: "ended" },
    });
    expect(await storedSegments()).toBe(TOTAL);
    const transcript = await fetch(new URL(`/api/meetings/${meetingId}/segments?limit=2000`, server.url), {
      headers: auth,
    });
    const { segments } = (await transcript.json()) as { segments: { id: string; position: number }[] };
    expect(segments.map((s) => s.position)).toEqual(segments.map((_, i) => i + 1));
    expect(new Set(segments.map((s) => s.id)).size).toBe(segments.length);
  }, 180_000);
});
