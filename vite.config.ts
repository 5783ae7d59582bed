import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The web app: built into dist/web, which `docket serve` serves at `/`. `npx vite` proxies the API for development. */
export default defineConfig({
  root: "web",
  plugins: [react()],
  build: { outDir: "../dist/web", emptyOutDir: true, target: "es2022", reportCompressedSize: false },
  server: { proxy: { "/api": { target: "http://127.0.0.1:3000", ws: true } } },
});
