#!/usr/bin/env node
// First, before any module creates its patterns.
import "./compile-patterns-once.js";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { DocketError } from "../core/errors.js";
import type { Template } from "../core/template/template.js";
import { builtinTemplatesDir, loadTemplates } from "../files/templates.js";
import { ConfigurationError, readEnvironment, VARIABLES_READ_BY } from "./environment.js";

const HELP: Record<string, string> = {
  main: `Usage: docket <command> [options]

Commands:
  extract FILE       Read a transcript and print the meeting's notes (or the items as JSON)
  templates          List the meeting templates
  templates show ID  Print one template
  serve              Run the Docket server: the HTTP API and live meetings (PORT, DOCKET_DATA, DATABASE_URL)
  live FILE          Replay a transcript into a live meeting on a Docket server, printing the items as they come
  demo               Extract the bundled Engineering Leadership Sync recording and print its notes

Options:
  --templates DIR    Also load your own templates (*.json) from DIR (or set DOCKET_TEMPLATES)
  -h, --help         Show help for a command

Run "docket <command> --help" for a command's options.`,
  extract: `Usage: docket extract FILE [--date YYYY-MM-DD] [--template ID] [--json | --notes-json]

Reads a transcript (WebVTT, SRT, "Name: text" lines, Otter text, Whisper/OpenAI, Deepgram, AssemblyAI or
Google Meet JSON; the format is detected) and fills the meeting template.

Options:
  --date YYYY-MM-DD  The meeting date, for "by Friday" and the like (default: the date in the file, else today)
  --template ID      The template to fill (default: the one the transcript fits best; see "docket templates")
  --title TEXT       The meeting title in the notes (default: the template's name)
  --json             Print the items as JSON: {"items":[…],"metrics":[…]}
  --notes-json       Print the filled template as JSON
  --templates DIR    Also load templates from DIR`,
  templates: `Usage: docket templates [show ID] [--json] [--templates DIR]

Lists the meeting templates, or prints one ("show ID") as Markdown or, with --json, as JSON.`,
  serve: `Usage: docket serve [--port N] [--host ADDRESS] [--data DIR] [--templates DIR]

Runs the Docket server: the HTTP API (see /api/openapi.json) and the live meeting rooms.

Options:
  --port N           Port to listen on (default: $PORT, else 3000; 0 picks a free one)
  --host ADDRESS     Address to listen on (default: $HOST, else 127.0.0.1; 0.0.0.0 for every interface)
  --data DIR         Folder for the embedded database (default: $DOCKET_DATA, else ./data)
  --templates DIR    Also load templates from DIR

Environment:
  DATABASE_URL       postgres://… uses that PostgreSQL server instead of the embedded database; several
                     servers may share one database`,
  live: `Usage: docket live FILE --server URL --meeting ID --token TOKEN [--speed N] [--json] [--end]

Replays a transcript (any format "docket extract" reads) into a live meeting at the pace it was spoken, and
prints each acknowledgement and each item as it arrives. Exits 0 once the server has stored every segment.
Running it again, or after a dropped connection, sends nothing twice: segment ids come from the file.

Options:
  --server URL       The Docket server, e.g. http://127.0.0.1:3000 (or set DOCKET_SERVER)
  --meeting ID       The meeting to send to; you must be a member of its Space
  --token TOKEN      Your API token (or set DOCKET_TOKEN)
  --speed N          N× real time (default 1; 0 sends as fast as the server acknowledges)
  --json             Print one JSON object per line: the server's acks and events, then a summary
  --end              End the meeting once every segment is acknowledged`,
  demo: `Usage: docket demo

Extracts the bundled Engineering Leadership Sync recording and prints the filled notes.`,
};

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      date: { type: "string" },
      template: { type: "string" },
      title: { type: "string" },
      json: { type: "boolean" },
      "notes-json": { type: "boolean" },
      templates: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      data: { type: "string" },
      server: { type: "string" },
      meeting: { type: "string" },
      token: { type: "string" },
      speed: { type: "string" },
      end: { type: "boolean" },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || (values.help && !(command in HELP))) {
    // Asked-for help goes to stdout; usage shown because the command is missing is an error, on stderr.
    if (values.help) {
      process.stdout.write(`${HELP.main}\n`);
      return 0;
    }
    process.stderr.write(`${HELP.main}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP[command]}\n`);
    return 0;
  }
  // The environment is read here and only here, once, for the variables this command uses.
  const env = readEnvironment(
    process.env,
    VARIABLES_READ_BY[command === "serve" || command === "live" ? command : "templates"],
  );
  const userDir = values.templates ?? env.DOCKET_TEMPLATES;
  if (command === "serve") {
    const { serveCommand } = await import("./serve-command.js");
    return serveCommand({ ...values, templates: userDir }, env, (message) => new UsageError(message));
  }
  if (command === "live") {
    const { liveCommand } = await import("./live-command.js");
    return liveCommand(rest[0], values, env, (message) => new UsageError(message));
  }
  // extract and demo need the engine as well as the templates: start loading its modules while the templates
  // are read, rather than after.
  const engine = command === "extract" || command === "demo" ? loadEngine() : null;
  engine?.catch(() => {}); // a usage error may end the command first; the import's own error surfaces on await
  const templates = await loadTemplates({ builtinDir: builtinTemplatesDir(), userDir });

  switch (command) {
    case "extract": {
      const file = rest[0];
      if (!file) throw new UsageError("extract needs a transcript FILE");
      if (values.date !== undefined && !isIsoDate(values.date))
        throw new UsageError(`--date must be YYYY-MM-DD; got "${values.date}"`);
      if (values.json && values["notes-json"]) throw new UsageError("choose one of --json and --notes-json");
      const output = await extract(file, templates, values, engine ?? loadEngine());
      process.stdout.write(output);
      return 0;
    }
    case "demo": {
      // examples/ sits beside templates/ at the package root, whether this runs from src/ or dist/.
      const file = join(dirname(builtinTemplatesDir()), "examples", "eng-leadership-sync.vtt");
      // The recording's own date, so "by Friday" resolves as it did in the meeting, whatever today is.
      const options = { template: "engineering-leadership-sync", date: "2025-03-17" };
      process.stdout.write(await extract(file, templates, options, engine ?? loadEngine()));
      return 0;
    }
    case "templates": {
      if (rest[0] === "show") {
        const template = templates.get(rest[1] ?? "");
        if (!template) throw new UsageError(`no template "${rest[1] ?? ""}"; try: ${[...templates.keys()].join(", ")}`);
        if (values.json) {
          process.stdout.write(`${JSON.stringify(template, null, 2)}\n`);
          return 0;
        }
        const { renderNotesMarkdown } = await import("../core/notes/render-markdown.js");
        process.stdout.write(
          renderNotesMarkdown({ template, meeting: emptyMeeting(template), items: [], metrics: [] }),
        );
        return 0;
      }
      if (rest.length) throw new UsageError(`unknown templates command "${rest[0]}"`);
      for (const t of templates.values()) {
        process.stdout.write(`${t.id.padEnd(32)} ${t.name} — ${t.durationMinutes} min, ${t.cadence}\n`);
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

interface ExtractFlags {
  date?: string;
  template?: string;
  title?: string;
  json?: boolean;
  "notes-json"?: boolean;
}

/**
 * The engine (and chrono-node) load only for the commands that need them: help and templates stay quick. The
 * notes modules load only when notes are printed, not for --json.
 */
function loadEngine() {
  return Promise.all([
    import("../core/extraction/extract-items.js"),
    import("../core/extraction/suggest-template.js"),
    import("../core/transcript/parse-transcript.js"),
    import("../files/transcript-file.js"),
  ]);
}

async function extract(
  file: string,
  templates: Map<string, Template>,
  flags: ExtractFlags,
  engine: ReturnType<typeof loadEngine>,
): Promise<string> {
  const [
    { extractItems, toContract },
    { suggestTemplate },
    { describeTranscriptWarning, parseTranscript, rolesHeard, segmentsForExtraction },
    { readTranscriptFile },
  ] = await engine;
  const text = await readTranscriptFile(file);
  const transcript = parseTranscript(text, file);
  // Skipped cues go to stderr even with --json: stdout stays the contract, and the user learns what was left out.
  for (const warning of transcript.warnings) {
    process.stderr.write(`docket: warning: ${describeTranscriptWarning(file, warning)}\n`);
  }
  let templateId = flags.template;
  if (templateId === undefined) {
    templateId = suggestTemplate(transcript.segments, [...templates.values()], "team-sync");
    if (!flags.json) process.stderr.write(`docket: using template "${templateId}" (choose one with --template)\n`);
  }
  const template = templates.get(templateId);
  if (!template) throw new UsageError(`no template "${templateId}"; try: ${[...templates.keys()].join(", ")}`);
  // The clock is read here, at the edge: the engine only ever sees the date it is given.
  const meetingDate = flags.date ?? transcript.date ?? new Date().toISOString().slice(0, 10);
  // Speakers named from the conversation where the transcript only numbers them; roles said aloud resolve "the AE".
  const segments = segmentsForExtraction(transcript.segments);
  const extraction = extractItems(segments, { template, meetingDate, attendees: rolesHeard(segments) });
  if (flags.json) return `${JSON.stringify(toContract(extraction), null, 2)}\n`;
  const [{ notesFromItems }, { notesToJson }, { renderNotesMarkdown }] = await Promise.all([
    import("../core/notes/meeting-notes.js"),
    import("../core/notes/notes-json.js"),
    import("../core/notes/render-markdown.js"),
  ]);
  const speakers = [...new Set(segments.map((s) => s.speaker).filter((s): s is string => s !== null))];
  const meeting = { title: flags.title ?? template.name, date: meetingDate, facilitator: null, attendees: speakers };
  const notes = notesFromItems(template, meeting, extraction);
  if (flags["notes-json"]) return `${JSON.stringify(notesToJson(notes), null, 2)}\n`;
  return renderNotesMarkdown(notes);
}

function emptyMeeting(template: Template) {
  return { title: template.name, date: null, facilitator: null, attendees: [] };
}

/** A real calendar day: Date.parse alone accepts "2025-02-30" (as March 2), so the date must round-trip. */
function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const time = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === s;
}

/** node:util parseArgs' own errors (unknown option, missing value, …) are usage errors. */
function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS_");
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`docket: ${error.message}\nRun "docket --help" for usage.\n`);
      process.exitCode = 2;
    } else if (error instanceof ConfigurationError) {
      // A setting in the environment: named, with its value, before anything starts.
      for (const problem of error.problems) process.stderr.write(`docket: ${problem}\n`);
      process.exitCode = 2;
    } else if (error instanceof DocketError) {
      process.stderr.write(`docket: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`docket: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 70;
    }
  },
);
