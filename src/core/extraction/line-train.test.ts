import { describe, expect, it } from "vitest";
import { type TrainingExample, trainLogistic } from "./line-train.js";

/** A tiny made-up set: "cue:decision" lines are evidence, small talk is not, "w:so" says nothing. */
function tinySet(): TrainingExample[] {
  const data: TrainingExample[] = [];
  for (let i = 0; i < 40; i++) {
    data.push({ features: ["bias", "cue:decision", i % 2 ? "w:so" : "w:we"], label: 1 });
    data.push({ features: ["bias", "cue:question", i % 2 ? "w:so" : "w:it"], label: 0 });
    data.push({ features: ["bias", "yeah-start", "w:so"], label: 0 });
  }
  return data;
}

const OPTIONS = { epochs: 10, rate: 0.1, l2: 1e-4 };

describe("trainLogistic", () => {
  it("gives the same weights every run", () => {
    const a = trainLogistic(tinySet(), OPTIONS);
    const b = trainLogistic(tinySet(), OPTIONS);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("learns which features mark the positives", () => {
    const w = trainLogistic(tinySet(), OPTIONS);
    expect(w["cue:decision"]).toBeGreaterThan(1);
    expect(w["cue:question"]).toBeLessThan(0);
    expect(Math.abs(w["w:so"] ?? 0)).toBeLessThan(w["cue:decision"]!);
  });

  it("counts a light example less than a full one", () => {
    const heavy = trainLogistic([...tinySet(), { features: ["odd"], label: 1 }], OPTIONS);
    const light = trainLogistic([...tinySet(), { features: ["odd"], label: 1, weight: 0.1 }], OPTIONS);
    expect(light.odd ?? 0).toBeLessThan(heavy.odd ?? 0);
  });

  it("lists weights in a fixed order and leaves out the negligible ones", () => {
    const w = trainLogistic(tinySet(), { ...OPTIONS, prune: 0.05 });
    expect(Object.keys(w)).toEqual([...Object.keys(w)].sort());
    expect(Object.values(w).every((x) => Math.abs(x) >= 0.05)).toBe(true);
    expect(trainLogistic([], OPTIONS)).toEqual({});
  });
});
