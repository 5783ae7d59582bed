import { describe, expect, it } from "vitest";
import { KeyedQueue } from "./keyed-queue.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("the keyed queue", () => {
  it("runs one task at a time per key, in order, and keys side by side", async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      queue.run("a", task("a1")),
      queue.run("b", task("b1")),
      queue.run("a", task("a2")),
    ]);
    expect(results).toEqual(["a1", "b1", "a2"]);
    expect(log.indexOf("a2 start")).toBeGreaterThan(log.indexOf("a1 end"));
    expect(log.indexOf("b1 start")).toBeLessThan(log.indexOf("a1 end"));
    await tick();
    expect(queue.size).toBe(0);
  });

  it("goes on after a task fails, and gives the failure to its caller", async () => {
    const queue = new KeyedQueue();
    const failed = queue.run("a", async () => {
      throw new Error("boom");
    });
    const next = queue.run("a", async () => "fine");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("fine");
  });
});
