import { describe, expect, it } from "vitest";
import { describeOutOfRange, formatNumber, isOutOfRange, parseCellNumber, usualRange } from "./metric-range.js";

describe("usualRange", () => {
  it("needs three earlier values", () => {
    expect(usualRange([])).toBeNull();
    expect(usualRange([10, 12])).toBeNull();
    expect(usualRange([10, 12, Number.NaN])).toBeNull();
    expect(usualRange([8, 10, 12])).not.toBeNull();
  });

  it("is the mean ± 2 sample standard deviations", () => {
    // Mean 10, sample SD 2.
    expect(usualRange([8, 10, 12])).toEqual({ low: 6, high: 14 });
    // Mean 82, sample SD 2.
    expect(usualRange([80, 84, 82])).toEqual({ low: 78, high: 86 });
  });

  it("reads only the last six values", () => {
    // The 1000 is seven meetings back: forgotten.
    expect(usualRange([1000, 8, 10, 12, 8, 10, 12])).toEqual(usualRange([8, 10, 12, 8, 10, 12]));
    expect(usualRange([1000, 8, 10, 12, 8, 10])?.high).toBeGreaterThan(500);
  });

  it("keeps the low end at zero for a metric that has never been negative", () => {
    // Mean 1, sample SD 1: 1 − 2 would be −1 incidents.
    expect(usualRange([0, 1, 2])).toEqual({ low: 0, high: 3 });
    expect(usualRange([-1, 0, 1])).toEqual({ low: -2, high: 2 });
  });

  it("has no width when every value was the same: any change is unusual", () => {
    const range = usualRange([5, 5, 5]);
    expect(range).toEqual({ low: 5, high: 5 });
    expect(isOutOfRange(5, range!)).toBe(false);
    expect(isOutOfRange(6, range!)).toBe(true);
  });
});

describe("isOutOfRange", () => {
  it.each([
    [5.9, true],
    [6, false],
    [10, false],
    [14, false],
    [14.1, true],
  ])("%d against 6–14: %s", (value, out) => {
    expect(isOutOfRange(value, { low: 6, high: 14 })).toBe(out);
  });
});

describe("describeOutOfRange", () => {
  it("names the column, the value and the range, to one decimal", () => {
    expect(describeOutOfRange("Deploy frequency", 2, { low: 8, high: 12 })).toBe("Deploy frequency 2 (usual 8–12)");
    expect(describeOutOfRange("P1 MTTR", 95.25, { low: 7.1834, high: 12.8166 })).toBe("P1 MTTR 95.3 (usual 7.2–12.8)");
  });

  it("never writes -0", () => {
    expect(formatNumber(-0.01)).toBe("0");
  });
});

describe("parseCellNumber", () => {
  it.each([
    ["12", 12],
    [" 12.5 ", 12.5],
    ["1,200", 1200],
    ["42 min", 42],
    ["-3", -3],
    ["~40 pts", 40],
    ["", null],
    ["n/a", null],
    [undefined, null],
  ])("%j → %j", (cell, value) => {
    expect(parseCellNumber(cell)).toBe(value);
  });
});
