import { describe, expect, it } from "vitest";
import {
  digestTime,
  matchMember,
  type PlannedNotification,
  planReminders,
  type ReminderInput,
  type ReminderMember,
} from "./reminders.js";

const members: ReminderMember[] = [
  { spaceId: "s1", userId: "u-priya", name: "Priya Raman", email: "priya@example.com" },
  { spaceId: "s1", userId: "u-darius", name: "Darius Okafor", email: "d.okafor@example.com" },
  { spaceId: "s1", userId: "u-zoe", name: "Zoë Adams", email: "zoe.adams@example.com" },
  { spaceId: "s1", userId: "u-wen", name: "Wen Li", email: "wli@example.com" },
  { spaceId: "s1", userId: "u-sam1", name: "Sam Ortiz", email: "sam.o@example.com" },
  { spaceId: "s1", userId: "u-sam2", name: "Sam Chen", email: "schen@example.com" },
  { spaceId: "s2", userId: "u-priya", name: "Priya Raman", email: "priya@example.com" },
  { spaceId: "s2", userId: "u-tokyo", name: "Kenji Sato", email: "kenji@example.com" },
];

function input(given: Partial<ReminderInput>): ReminderInput {
  return {
    now: "2025-03-17T10:00:00Z",
    spaces: [
      { id: "s1", name: "Engineering Leadership", timezone: "Europe/London" },
      { id: "s2", name: "Tokyo Ops", timezone: "Asia/Tokyo" },
    ],
    upcomingMeetings: [],
    openActions: [],
    members,
    ...given,
  };
}

type Meeting = ReminderInput["upcomingMeetings"][number];
function meeting(given: Partial<Meeting>): Meeting {
  return {
    id: "m1",
    spaceId: "s1",
    title: "Engineering Leadership Sync",
    scheduledAt: "2025-03-18T09:00:00Z",
    status: "scheduled",
    preReadHours: 24,
    rows: [],
    ...given,
  };
}

type Action = ReminderInput["openActions"][number];
function action(given: Partial<Action>): Action {
  return {
    spaceId: "s1",
    meetingId: "m0",
    itemId: "a1",
    thread: "m0/a1",
    text: "Resolve auth latency or execute rollback",
    owner: "Priya",
    due: "2025-03-18",
    ...given,
  };
}

const keys = (planned: PlannedNotification[]) => planned.map((notification) => notification.dedupeKey);

describe("planReminders: pre-read", () => {
  const rows = [
    { ownerId: "u-priya", updated: false },
    { ownerId: "u-priya", updated: false },
    { ownerId: "u-darius", updated: true },
    { ownerId: "u-wen", updated: false },
    { ownerId: null, updated: false },
  ];

  it("reminds each owner of a row not updated, once, with a link to the pre-read", () => {
    const planned = planReminders(input({ upcomingMeetings: [meeting({ rows })] }));
    expect(planned.map((notification) => [notification.userId, notification.dedupeKey])).toEqual([
      ["u-priya", "pre-read:m1:u-priya"],
      ["u-wen", "pre-read:m1:u-wen"],
    ]);
    expect(planned[0]).toEqual({
      userId: "u-priya",
      spaceId: "s1",
      kind: "pre-read-reminder",
      dedupeKey: "pre-read:m1:u-priya",
      title: "Prepare for Engineering Leadership Sync",
      body:
        "Engineering Leadership Sync starts Tuesday 18 March at 09:00 (Europe/London). " +
        "2 of your rows are not updated yet: please bring them up to date before the meeting.",
      link: "/meetings/m1/prepare",
    });
    expect(planned[1]?.body).toContain("One of your rows is not updated yet");
  });

  it.each([
    ["exactly 24 hours before", "2025-03-17T09:00:00Z", true],
    ["a minute before", "2025-03-18T08:59:00Z", true],
    ["more than 24 hours before", "2025-03-17T08:59:59Z", false],
    ["at the start", "2025-03-18T09:00:00Z", false],
    ["after the start", "2025-03-18T10:00:00Z", false],
  ])("%s: %s → %s", (_, now, due) => {
    const planned = planReminders(input({ now, upcomingMeetings: [meeting({ rows })] }));
    expect(planned.length > 0).toBe(due);
  });

  it.each(["live", "ended"])("does not remind for a meeting that is %s", (status) => {
    expect(planReminders(input({ upcomingMeetings: [meeting({ rows, status })] }))).toEqual([]);
  });

  it("waits for a pre-read that opens later than 24 hours before, and sends none without a pre-read", () => {
    const short = meeting({ rows, preReadHours: 2 });
    expect(planReminders(input({ now: "2025-03-18T06:00:00Z", upcomingMeetings: [short] }))).toEqual([]);
    expect(planReminders(input({ now: "2025-03-18T07:00:00Z", upcomingMeetings: [short] }))).toHaveLength(2);
    const long = meeting({ rows, preReadHours: 72 });
    expect(planReminders(input({ now: "2025-03-16T10:00:00Z", upcomingMeetings: [long] }))).toEqual([]);
    const none = meeting({ rows, preReadHours: 0 });
    expect(planReminders(input({ now: "2025-03-18T08:00:00Z", upcomingMeetings: [none] }))).toEqual([]);
  });

  it("does not remind someone who is not a member of the meeting's Space", () => {
    const planned = planReminders(
      input({ upcomingMeetings: [meeting({ spaceId: "s2", rows: [{ ownerId: "u-wen", updated: false }] })] }),
    );
    expect(planned).toEqual([]);
  });
});

describe("planReminders: action items", () => {
  it("reminds the owner of an action due tomorrow in the Space's timezone", () => {
    const planned = planReminders(input({ openActions: [action({})] }));
    expect(planned).toEqual([
      {
        userId: "u-priya",
        spaceId: "s1",
        kind: "action-reminder",
        dedupeKey: "action-due:m0/a1:2025-03-18",
        title: "Due tomorrow: Resolve auth latency or execute rollback",
        body: "Your action item in Engineering Leadership is due tomorrow, Tuesday 18 March 2025: Resolve auth latency or execute rollback",
        link: "/spaces/s1?tab=actions",
      },
    ]);
  });

  it("reminds of an overdue action once per local day", () => {
    const overdue = action({ due: "2025-03-14" });
    const monday = planReminders(input({ openActions: [overdue] }));
    expect(keys(monday)).toEqual(["action-overdue:m0/a1:2025-03-17"]);
    expect(monday[0]?.title).toBe("Overdue: Resolve auth latency or execute rollback");
    expect(monday[0]?.body).toBe(
      "Your action item in Engineering Leadership was due on Friday 14 March 2025 (3 days ago): Resolve auth latency or execute rollback",
    );
    const later = planReminders(input({ now: "2025-03-17T23:30:00Z", openActions: [overdue] }));
    expect(keys(later)).toEqual(["action-overdue:m0/a1:2025-03-17"]);
    const tuesday = planReminders(input({ now: "2025-03-18T00:30:00Z", openActions: [overdue] }));
    expect(keys(tuesday)).toEqual(["action-overdue:m0/a1:2025-03-18"]);
    const yesterday = planReminders(input({ openActions: [action({ due: "2025-03-16" })] }));
    expect(yesterday[0]?.body).toContain("(yesterday)");
  });

  it("reads today in the Space's timezone, not UTC", () => {
    // 16:00 UTC on the 17th is already the 18th in Tokyo: a due date of the 19th is tomorrow there.
    const now = "2025-03-17T16:00:00Z";
    const tokyo = action({ spaceId: "s2", owner: "Kenji", due: "2025-03-19" });
    expect(keys(planReminders(input({ now, openActions: [tokyo] })))).toEqual(["action-due:m0/a1:2025-03-19"]);
    const london = action({ due: "2025-03-19" });
    expect(planReminders(input({ now, openActions: [london] }))).toEqual([]);
  });

  it.each([
    ["due today", "2025-03-17"],
    ["due in two days", "2025-03-19"],
    ["no due date", null],
    ["a due date that is not a date", "Friday"],
  ])("sends nothing for an action %s", (_, due) => {
    expect(planReminders(input({ openActions: [action({ due })] }))).toEqual([]);
  });

  it.each([
    ["no owner", null],
    ["an owner who is no member", "Marcus"],
    ["a first name two members share", "Sam"],
    ["a full name no member has", "Priya Shah"],
  ])("sends nothing for an action with %s", (_, owner) => {
    expect(planReminders(input({ openActions: [action({ owner })] }))).toEqual([]);
  });

  it("matches the owner only among the members of the action's Space", () => {
    const planned = planReminders(input({ openActions: [action({ spaceId: "s2", owner: "Wen" })] }));
    expect(planned).toEqual([]);
  });

  it("raises each reminder once when the same thread is listed twice", () => {
    const planned = planReminders(input({ openActions: [action({}), action({ itemId: "a2", meetingId: "m9" })] }));
    expect(planned).toHaveLength(1);
  });

  it("refuses a `now` that is not a time", () => {
    expect(() => planReminders(input({ now: "soon" }))).toThrow(/now is not a date/);
  });
});

describe("matchMember", () => {
  const inSpace = members.filter((member) => member.spaceId === "s1");
  it.each([
    ["Priya Raman", "u-priya"],
    ["priya raman", "u-priya"],
    ["Priya", "u-priya"],
    ["@priya", "u-priya"],
    ["  Darius  ", "u-darius"],
    ["zoe adams", "u-zoe"],
    ["Zoe", "u-zoe"],
    ["ZOË", "u-zoe"],
    ["d.okafor", "u-darius"],
    ["wli", "u-wen"],
    ["schen", "u-sam2"],
    ["Sam Chen", "u-sam2"],
    ["sam.o@example.com", "u-sam1"],
    ["Sam", null],
    ["Priya Shah", null],
    ["", null],
    ["@", null],
    ["Raman", null],
  ])("%j → %s", (owner, userId) => {
    expect(matchMember(owner, inSpace)?.userId ?? null).toBe(userId);
  });

  it("prefers a member's full name to another member's first name", () => {
    const both: ReminderMember[] = [
      { spaceId: "s", userId: "first", name: "Lee Park", email: "lp@example.com" },
      { spaceId: "s", userId: "full", name: "Lee", email: "lee@example.com" },
    ];
    expect(matchMember("lee", both)?.userId).toBe("full");
  });
});

describe("digestTime", () => {
  it.each([
    ["2025-03-17T06:59:00Z", 8, "2025-03-17T08:00:00.000Z"],
    ["2025-03-17T08:00:00Z", 8, "2025-03-17T08:00:00.000Z"],
    ["2025-03-17T08:00:00.001Z", 8, "2025-03-18T08:00:00.000Z"],
    ["2025-03-17T23:59:00Z", 8, "2025-03-18T08:00:00.000Z"],
    ["2025-03-17T10:00:00+05:00", 8, "2025-03-17T08:00:00.000Z"],
    ["2025-03-17T14:00:00+05:00", 8, "2025-03-18T08:00:00.000Z"],
    ["2025-12-31T20:00:00Z", 0, "2026-01-01T00:00:00.000Z"],
    ["2025-03-17T12:00:00Z", 17, "2025-03-17T17:00:00.000Z"],
  ])("%s at %i:00 → %s", (createdAt, hour, sent) => {
    expect(digestTime(createdAt, hour)).toBe(sent);
  });

  it("uses 08:00 UTC unless told", () => {
    expect(digestTime("2025-03-17T09:00:00Z")).toBe("2025-03-18T08:00:00.000Z");
  });

  it("refuses an hour that is not one, and a time that is not one", () => {
    expect(() => digestTime("2025-03-17T09:00:00Z", 24)).toThrow(/0 to 23/);
    expect(() => digestTime("2025-03-17T09:00:00Z", 7.5)).toThrow(/0 to 23/);
    expect(() => digestTime("yesterday")).toThrow(/not a date/);
  });
});
