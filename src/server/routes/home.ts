import type { App } from "../app.js";

/** Until the web app lands, `/` says what is running and where the API is described. */
const HOME = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Docket</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
code{background:#f0f4f8;padding:.1rem .3rem;border-radius:3px}a{color:#0b5cad}</style></head>
<body>
<h1>Docket is running</h1>
<p>The HTTP API is described at <a href="/api/openapi.json"><code>/api/openapi.json</code></a>;
<a href="/api/health"><code>/api/health</code></a> answers when the server is ready.</p>
<p>Sign up with <code>POST /api/auth/sign-up</code>: every new account can read the demo Spaces, which hold the
seed meetings already filled in. Replay a transcript into a live meeting with
<code>npx docket live FILE --server URL --meeting ID --token TOKEN</code>.</p>
</body>
</html>
`;

export function registerHome(app: App): void {
  app.get("/", (c) => c.html(HOME));
}
