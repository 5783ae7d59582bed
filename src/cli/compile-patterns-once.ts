import { setFlagsFromString } from "node:v8";

// A one-shot command reads each of the engine's few hundred patterns a few thousand times. V8 first interprets a
// pattern and compiles it again once it is hot; compiling each one once, straight away, took ~70 ms (a sixth) off a
// `docket extract` of an hour-long meeting. V8 reads the flag when a pattern is created: it is set before any is.
setFlagsFromString("--no-regexp-tier-up");
