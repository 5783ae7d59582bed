import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  environmentSchema,
  readEnvironment,
  VARIABLES_READ_BY,
  type VariableName,
} from "./environment.js";

const SERVE = VARIABLES_READ_BY.serve;

function problems(env: Record<string, string>, names: readonly VariableName[] = SERVE): readonly string[] {
  try {
    readEnvironment(env, names);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  throw new Error("the environment was accepted");
}

describe("readEnvironment", () => {
  it("leaves unset and empty variables unset: each command keeps its defaults", () => {
    expect(readEnvironment({}, SERVE)).toEqual(Object.fromEntries(SERVE.map((name) => [name, undefined])));
    expect(readEnvironment({ PORT: "", DOCKET_SMTP_URL: "", DOCKET_DEMO: "" }, SERVE)).toMatchObject({
      PORT: undefined,
      DOCKET_SMTP_URL: undefined,
      DOCKET_DEMO: undefined,
    });
  });

  it("turns every variable into what it means", () => {
    const env = readEnvironment(
      {
        PORT: "8080",
        HOST: "0.0.0.0",
        DOCKET_DATA: "/var/lib/docket",
        DATABASE_URL: "postgres://docket:secret@db:5432/docket",
        DATABASE_POOL_SIZE: "20",
        DOCKET_DEMO: "off",
        DOCKET_TEMPLATES: "./my-templates",
        DOCKET_SECURE_COOKIES: "1",
        DOCKET_PUBLIC_URL: "https://docket.example.com/",
        DOCKET_SMTP_URL: "smtp://user:pass@mail.example.com:587",
        DOCKET_MAIL_FROM: "Docket <docket@example.com>",
        DOCKET_SLACK_API_URL: "http://127.0.0.1:9999/api/",
        DOCKET_FOLLOW_UP: "off",
        DOCKET_WORKER_INTERVAL_MS: "200",
        DOCKET_DELIVERY_LEASE_SECONDS: "2",
        DOCKET_LIVE_MAX_BACKLOG: "800",
        DOCKET_LIVE_MAX_WAIT_MS: "1500",
      },
      SERVE,
    );
    expect(env).toMatchObject({
      PORT: 8080,
      HOST: "0.0.0.0",
      DATABASE_POOL_SIZE: 20,
      DOCKET_DEMO: false,
      DOCKET_SECURE_COOKIES: true,
      DOCKET_FOLLOW_UP: false,
      DOCKET_WORKER_INTERVAL_MS: 200,
      DOCKET_DELIVERY_LEASE_SECONDS: 2,
      DOCKET_LIVE_MAX_BACKLOG: 800,
      DOCKET_LIVE_MAX_WAIT_MS: 1500,
      DOCKET_SMTP_URL: "smtp://user:pass@mail.example.com:587",
    });
  });

  it.each([
    ["DOCKET_WORKER_INTERVAL_MS", "abc", 'DOCKET_WORKER_INTERVAL_MS must be a whole number of milliseconds, got "abc"'],
    ["DOCKET_WORKER_INTERVAL_MS", "0", 'DOCKET_WORKER_INTERVAL_MS must be at least 1, got "0"'],
    ["DOCKET_WORKER_INTERVAL_MS", "2.5", 'DOCKET_WORKER_INTERVAL_MS must be a whole number of milliseconds, got "2.5"'],
    [
      "DOCKET_DELIVERY_LEASE_SECONDS",
      "2m",
      'DOCKET_DELIVERY_LEASE_SECONDS must be a whole number of seconds, got "2m"',
    ],
    ["DOCKET_LIVE_MAX_BACKLOG", "0", 'DOCKET_LIVE_MAX_BACKLOG must be at least 1, got "0"'],
    ["DOCKET_LIVE_MAX_BACKLOG", "5k", 'DOCKET_LIVE_MAX_BACKLOG must be a whole number of segments, got "5k"'],
    ["DOCKET_LIVE_MAX_WAIT_MS", "2s", 'DOCKET_LIVE_MAX_WAIT_MS must be a whole number of milliseconds, got "2s"'],
    ["DATABASE_POOL_SIZE", "ten", 'DATABASE_POOL_SIZE must be a whole number of connections, got "ten"'],
    ["PORT", "70000", 'PORT must be a port number from 0 to 65535, got "70000"'],
    ["PORT", "http", 'PORT must be a port number from 0 to 65535, got "http"'],
    ["DOCKET_DEMO", "maybe", 'DOCKET_DEMO must be "on" or "off", got "maybe"'],
    ["DOCKET_SECURE_COOKIES", "yes please", 'DOCKET_SECURE_COOKIES must be "on" or "off", got "yes please"'],
    [
      "DOCKET_PUBLIC_URL",
      "docket.example.com",
      'DOCKET_PUBLIC_URL must be an http:// or https:// URL, got "docket.example.com"',
    ],
    [
      "DOCKET_SMTP_URL",
      "mail.example.com:587",
      'DOCKET_SMTP_URL must be an smtp:// or smtps:// URL, got "mail.example.com:587"',
    ],
    ["DATABASE_URL", "mysql://db/docket", 'DATABASE_URL must be a postgres:// URL, got "mysql://db/docket"'],
  ])("%s=%s is refused, naming the variable and its value", (name, value, message) => {
    expect(problems({ [name]: value })).toEqual([message]);
  });

  it("names every variable that is wrong, once each", () => {
    expect(problems({ PORT: "x", DOCKET_WORKER_INTERVAL_MS: "0.5", DOCKET_DEMO: "off" })).toEqual([
      'PORT must be a port number from 0 to 65535, got "x"',
      'DOCKET_WORKER_INTERVAL_MS must be a whole number of milliseconds, got "0.5"',
    ]);
  });

  it("looks only at the variables the command reads", () => {
    const env = readEnvironment(
      { DOCKET_WORKER_INTERVAL_MS: "abc", DOCKET_TEMPLATES: "t" },
      VARIABLES_READ_BY.templates,
    );
    expect(env.DOCKET_TEMPLATES).toBe("t");
    expect(env.DOCKET_WORKER_INTERVAL_MS).toBeUndefined();
    expect(problems({ DOCKET_SERVER: "localhost:3000" }, VARIABLES_READ_BY.live)).toEqual([
      'DOCKET_SERVER must be an http:// or https:// URL, got "localhost:3000"',
    ]);
  });

  it("every variable is read by some command", () => {
    const read = new Set(Object.values(VARIABLES_READ_BY).flat());
    expect([...read].sort()).toEqual(Object.keys(environmentSchema.shape).sort());
  });
});
