import { setFlagsFromString } from "node:v8";

// A one-shot `docket extract` reads each of the engine's few hundred patterns a few thousand times. V8 first
// interprets a pattern and compiles it again once it is hot; compiling each one once, straight away, took ~70 ms (a
// sixth) off an hour-long meeting. V8 reads the flag when a pattern is created, so it is set before any module makes
// one. `docket serve` keeps V8's default: in a long-running process the double work is paid once.
if (process.argv[2] === "extract" || process.argv[2] === "demo") setFlagsFromString("--no-regexp-tier-up");
