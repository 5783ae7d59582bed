/**
 * Training for the learned line scorers (line-kinds.ts): plain logistic regression by stochastic gradient
 * descent in a fixed order, so the same examples always give the same weights. Pure: the scripts that read
 * the meetings (scripts/train-line-kinds.ts, scripts/folds.ts) hand it the examples.
 */
export interface TrainingExample {
  features: readonly string[];
  label: 0 | 1;
  /** How much the example counts (a sentence from a far-off corpus counts less); 1 when absent. */
  weight?: number;
}

export interface TrainingOptions {
  epochs: number;
  /** Learning rate of the first epoch; it decays as 1 / (1 + 0.2 epoch). */
  rate: number;
  l2: number;
  /** Positives are rare: how much more one counts than a negative (default: negatives / positives / 4). */
  positiveWeight?: number;
  /** Weights smaller than this are left out of the model (they change nothing and bloat the JSON). */
  prune?: number;
}

export function trainLogistic(data: readonly TrainingExample[], options: TrainingOptions): Record<string, number> {
  const weights = new Map<string, number>();
  const n = data.length;
  if (n === 0) return {};
  const positives = data.filter((e) => e.label === 1).length;
  const positiveWeight = options.positiveWeight ?? (positives ? Math.max(1, (n - positives) / positives / 4) : 1);
  // A fixed shuffle: a stride coprime with n visits every example once per epoch in a scrambled order.
  let stride = 7919;
  while (gcd(stride, n) !== 1) stride += 2;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const rate = options.rate / (1 + epoch * 0.2);
    const offset = (epoch * 104729) % n;
    for (let k = 0; k < n; k++) {
      const e = data[(offset + k * stride) % n]!;
      let z = 0;
      for (const f of e.features) z += weights.get(f) ?? 0;
      const p = 1 / (1 + Math.exp(-z));
      const gradient = (p - e.label) * (e.label ? positiveWeight : 1) * (e.weight ?? 1);
      for (const f of e.features) {
        const w = weights.get(f) ?? 0;
        weights.set(f, w - rate * (gradient + options.l2 * w));
      }
    }
  }
  const prune = options.prune ?? 0.005;
  return Object.fromEntries(
    [...weights.entries()]
      .filter(([, w]) => Math.abs(w) >= prune)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([f, w]) => [f, Math.round(w * 1000) / 1000]),
  );
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
