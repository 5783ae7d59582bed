import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { packageRoot } from "../../files/package-root.js";
import type { App } from "../app.js";

/** The web app as `npm run build` leaves it: Vite writes it here. */
export const WEB_DIR = join(packageRoot(), "dist", "web");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json", ".txt"]);

// The app talks only to its own origin; inline styles are allowed because components position popovers with them.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

interface WebFile {
  body: Buffer;
  /** Worth compressing: a text file over 1 KB. */
  compressible: boolean;
  /** The gzipped body, made on the first request that accepts it. */
  gzip?: Buffer;
  type: string;
  /** Vite names assets by their content hash, so they never change under their name. */
  immutable: boolean;
}

function readWebFiles(dir: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const ext = extname(entry.name);
    const body = readFileSync(path);
    const urlPath = `/${relative(dir, path).split("\\").join("/")}`;
    files.set(urlPath, {
      body,
      compressible: COMPRESSIBLE.has(ext) && body.length > 1024,
      type: TYPES[ext] ?? "application/octet-stream",
      immutable: urlPath.startsWith("/assets/"),
    });
  }
  return files;
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Docket</title>
<body style="font:16px system-ui;max-width:40rem;margin:4rem auto"><h1>The web app is not built</h1>
<p>Run <code>npm run build</code> (npm install does it), then start Docket again. The API is at
<a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`;

/**
 * Serves the single-page app: its files from memory (each gzipped once, on first request), and `index.html` for
 * every other path outside `/api`, where the app's router takes over. Registered last so API routes win.
 */
export function registerWeb(app: App, dir: string = WEB_DIR): void {
  const files = existsSync(join(dir, "index.html")) ? readWebFiles(dir) : new Map<string, WebFile>();
  const index = files.get("/index.html");
  app.get("*", (c, next) => {
    const path = c.req.path;
    if (path.startsWith("/api/") || path === "/api") return next();
    const file = files.get(path) ?? (extname(path) === "" ? index : undefined);
    if (!file) {
      if (!index && extname(path) === "") return c.html(NOT_BUILT, 503);
      return next();
    }
    const headers: Record<string, string> = {
      "content-type": file.type,
      "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
      vary: "accept-encoding",
    };
    if (file === index) {
      headers["content-security-policy"] = CONTENT_SECURITY_POLICY;
      headers["referrer-policy"] = "same-origin";
    }
    if (file.compressible && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      // Compressed once, when first asked for rather than at start-up (~40 ms for the whole app).
      file.gzip ??= gzipSync(file.body, { level: 9 });
      headers["content-encoding"] = "gzip";
      return c.body(new Uint8Array(file.gzip), 200, headers);
    }
    return c.body(new Uint8Array(file.body), 200, headers);
  });
}
