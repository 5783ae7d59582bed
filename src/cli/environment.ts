import { z } from "zod";

/**
 * Every environment variable Docket reads, in one schema. The CLI parses the environment once, when a command
 * starts, and hands the typed values down: nothing else in Docket reads `process.env` (src/architecture.test.ts).
 * A value that does not parse stops the command with a message naming the variable and quoting the value.
 * An empty variable counts as unset. The README's settings table describes the same variables.
 */

/** A variable: optional, and empty means unset (the command then uses its default). */
function variable<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
}

function wholeNumber(unit: string, min: number) {
  return z
    .string()
    .regex(/^\d+$/, `must be a whole number of ${unit}`)
    .transform(Number)
    .refine((value) => value >= min, `must be at least ${min}`);
}

function url(protocols: readonly string[], description: string) {
  const allowed = new RegExp(`^(${protocols.join("|")})$`);
  return z.url({ protocol: allowed, error: `must be ${description}` });
}

const ON = ["on", "1", "true", "yes"];
const OFF = ["off", "0", "false", "no"];

/** A switch: on/off (also 1/0, true/false, yes/no). */
const onOff = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => ON.includes(value) || OFF.includes(value), 'must be "on" or "off"')
  .transform((value) => ON.includes(value));

export const environmentSchema = z.object({
  /** `docket serve`: where to listen (also --port, --host). */
  PORT: variable(
    z
      .string()
      .regex(/^\d+$/, "must be a port number from 0 to 65535")
      .transform(Number)
      .refine((port) => port <= 65535, "must be a port number from 0 to 65535"),
  ),
  HOST: variable(z.string()),
  /** The embedded database's folder (also --data); PGlite keeps its files in `<folder>/pglite`. */
  DOCKET_DATA: variable(z.string()),
  /** A PostgreSQL server instead of the embedded database. */
  DATABASE_URL: variable(url(["postgres", "postgresql"], "a postgres:// URL")),
  DATABASE_POOL_SIZE: variable(wholeNumber("connections", 1)),
  /** Create the demo Spaces on a first start (on unless "off"). */
  DOCKET_DEMO: variable(onOff),
  /** A folder of the user's own templates (also --templates), for every command that reads templates. */
  DOCKET_TEMPLATES: variable(z.string()),
  DOCKET_SECURE_COOKIES: variable(onOff),
  DOCKET_PUBLIC_URL: variable(url(["http", "https"], "an http:// or https:// URL")),
  DOCKET_SMTP_URL: variable(url(["smtp", "smtps"], "an smtp:// or smtps:// URL")),
  DOCKET_MAIL_FROM: variable(z.string()),
  DOCKET_SLACK_API_URL: variable(url(["http", "https"], "an http:// or https:// URL")),
  /** Outbound targets (webhooks, Salesforce, Slack's API) may be http:// and local addresses: development, tests. */
  DOCKET_ALLOW_LOCAL_TARGETS: variable(onOff),
  /** Run the follow-up worker in this process (on unless "off"). */
  DOCKET_FOLLOW_UP: variable(onOff),
  DOCKET_WORKER_INTERVAL_MS: variable(wholeNumber("milliseconds", 1)),
  DOCKET_DELIVERY_LEASE_SECONDS: variable(wholeNumber("seconds", 1)),
  /** Live segments waiting to be stored, across the process, past which senders are told to slow down. */
  DOCKET_LIVE_MAX_BACKLOG: variable(wholeNumber("segments", 1)),
  /** How long the oldest waiting live segment may wait before senders are told to slow down. */
  DOCKET_LIVE_MAX_WAIT_MS: variable(wholeNumber("milliseconds", 1)),
  /** `docket live`: the server and the API token (also --server, --token). */
  DOCKET_SERVER: variable(url(["http", "https", "ws", "wss"], "an http:// or https:// URL")),
  DOCKET_TOKEN: variable(z.string()),
});

export type Environment = z.infer<typeof environmentSchema>;
export type VariableName = keyof Environment;

/** The variables each command reads; the others are not looked at (a server setting cannot break `extract`). */
export const VARIABLES_READ_BY: Record<"serve" | "live" | "templates", readonly VariableName[]> = {
  serve: [
    "PORT",
    "HOST",
    "DOCKET_DATA",
    "DATABASE_URL",
    "DATABASE_POOL_SIZE",
    "DOCKET_DEMO",
    "DOCKET_TEMPLATES",
    "DOCKET_SECURE_COOKIES",
    "DOCKET_PUBLIC_URL",
    "DOCKET_SMTP_URL",
    "DOCKET_MAIL_FROM",
    "DOCKET_SLACK_API_URL",
    "DOCKET_ALLOW_LOCAL_TARGETS",
    "DOCKET_FOLLOW_UP",
    "DOCKET_WORKER_INTERVAL_MS",
    "DOCKET_DELIVERY_LEASE_SECONDS",
    "DOCKET_LIVE_MAX_BACKLOG",
    "DOCKET_LIVE_MAX_WAIT_MS",
  ],
  live: ["DOCKET_SERVER", "DOCKET_TOKEN"],
  templates: ["DOCKET_TEMPLATES"],
};

/** Settings in the environment that do not parse: one line per variable, each naming it. */
export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "ConfigurationError";
  }
}

/**
 * The variables `names` from `env` (the process's environment, passed in by the entry point), parsed; the rest
 * are left unset. Throws a ConfigurationError naming every variable that does not parse.
 */
export function readEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly VariableName[],
): Environment {
  const given = Object.fromEntries(names.map((name) => [name, env[name]]));
  const parsed = environmentSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const problems = new Map<string, string>();
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0]);
    // The first problem with a variable is the one to fix.
    if (!problems.has(name)) problems.set(name, `${name} ${issue.message}, got ${JSON.stringify(given[name])}`);
  }
  throw new ConfigurationError([...problems.values()]);
}
