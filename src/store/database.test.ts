import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { eachDatabase } from "../../test/helpers/database.js";
import { users } from "./schema.js";

describe("the database", () => {
  eachDatabase((database) => {
    it("is migrated and empty at the start of a test", async () => {
      const { db } = database();
      expect(await db.select().from(users)).toEqual([]);
      await db.insert(users).values({ email: "ana@example.com", name: "Ana" });
      const [row] = await db.select().from(users).where(eq(users.email, "ana@example.com"));
      expect(row?.name).toBe("Ana");
      expect(row?.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("rejects a second account with the same email", async () => {
      const { db } = database();
      await db.insert(users).values({ email: "ana@example.com", name: "Ana" });
      await expect(db.insert(users).values({ email: "ana@example.com", name: "Ana B" })).rejects.toThrow();
    });
  });
});
