import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes a new migration after a change to the schema; the server applies them at start-up.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/schema.ts",
  out: "./src/store/migrations",
});
