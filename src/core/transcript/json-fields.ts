/** Narrow readers for untrusted JSON: each returns undefined instead of throwing on a wrong type. */

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  const field = isObject(value) ? value[key] : undefined;
  return isObject(field) ? field : undefined;
}

export function arrayAt(value: unknown, key: string): readonly unknown[] | undefined {
  const field = isObject(value) ? value[key] : undefined;
  return Array.isArray(field) ? field : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  const field = isObject(value) ? value[key] : undefined;
  return typeof field === "string" ? field : undefined;
}

export function numberAt(value: unknown, key: string): number | undefined {
  const field = isObject(value) ? value[key] : undefined;
  return typeof field === "number" && Number.isFinite(field) ? field : undefined;
}

/** A string or numeric field as a string (ids and speaker labels come as either). */
export function labelAt(value: unknown, key: string): string | undefined {
  const field = isObject(value) ? value[key] : undefined;
  if (typeof field === "number" && Number.isFinite(field)) return String(field);
  return typeof field === "string" ? field : undefined;
}

/** Diarization labels are bare ("0", "A"): show them as "Speaker 0" / "Speaker A"; names stay as they are. */
export function speakerLabel(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === "") return null;
  const label = raw.trim();
  return /^(?:\d+|[A-Z])$/.test(label) ? `Speaker ${label}` : label;
}
