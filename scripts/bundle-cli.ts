/**
 * Bundles the `docket` command into dist/cli/: one process start then reads a handful of files instead of
 * ~150 modules (resolving and reading them cost `docket extract` a fifth of its time). Each command's own
 * code stays a separate chunk, loaded only when that command runs. Run by `npm run build`.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { packageRoot } from "../src/files/package-root.js";

/**
 * Pure-JavaScript packages on the extract and serve paths are bundled with our code: resolving and reading their
 * files one by one slowed `docket serve`'s start-up, and @hono/zod-openapi shares the bundle's zod
 * instead of loading a second copy. The others stay in node_modules: native addons, WebAssembly, packages that find
 * their own files at run time, and those only loaded on first use (the integrations' clients, pg).
 */
const BUNDLED = new Set([
  "zod",
  "chrono-node",
  "hono",
  "@hono/node-server",
  "@hono/zod-openapi",
  "@hono/zod-validator",
  "@asteasolutions/zod-to-openapi",
  "openapi3-ts",
  "yaml",
  "drizzle-orm",
  "ws",
]);

const keepOtherPackagesExternal: Plugin = {
  name: "keep-other-packages-external",
  setup(bundle) {
    bundle.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
      return BUNDLED.has(name ?? "") ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * zod's namespace re-exports its 40-odd translations of error messages (half of its code). Docket's messages are in
 * English, which zod sets itself: the bundle keeps only that one, and the CLI loads 370 KB less on every start.
 */
const englishOnlyZodLocales: Plugin = {
  name: "english-only-zod-locales",
  setup(bundle) {
    bundle.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](?:core|classic)$/.test(args.resolveDir)
        ? { path: join(args.resolveDir, "../locales/en.js"), namespace: "zod-english" }
        : undefined,
    );
    bundle.onLoad({ filter: /.*/, namespace: "zod-english" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: root,
    }));
  },
};

const root = packageRoot();
// Chunk names change with their content: last build's would pile up.
rmSync(join(root, "dist/cli"), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The worker that reads a large upload is loaded by its path, next to the code that starts it.
  entryPoints: { docket: "src/cli/docket.ts", "read-upload-worker": "src/live/read-upload-worker.ts" },
  outdir: "dist/cli",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  plugins: [keepOtherPackagesExternal, englishOnlyZodLocales],
  // ws is CommonJS: its require() of Node built-ins needs a require in the ES module it is bundled into.
  banner: {
    js: 'import { createRequire as createRequireForBundle } from "node:module";\nconst require = createRequireForBundle(import.meta.url);',
  },
  logLevel: "warning",
});
