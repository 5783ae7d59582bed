// Shared by the delivery channels' tests: an attempt to send, and the DeliveryError a failed one must reject with.
import { expect } from "vitest";
import { type DeliveryAttempt, DeliveryError } from "../../src/integrations/types.js";

/** A first, certain attempt, with whatever the test changes. */
export function attempt(overrides: Partial<DeliveryAttempt> = {}): DeliveryAttempt {
  return { deliveryId: "del_1", dedupeKey: "notes:mtg_1:v1", attempt: 1, uncertain: false, ...overrides };
}

/** The error `promise` rejects with, which must be a DeliveryError. */
export async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}
