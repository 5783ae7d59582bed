import { z } from "zod";
import { type Item, itemSchema } from "./item.js";
import { itemLinksSchema } from "./series/item-links.js";

/** What people made of an item the engine suggested. */
export const ITEM_REVIEWS = ["suggested", "confirmed", "rejected"] as const;
export type ItemReview = (typeof ITEM_REVIEWS)[number];

/** The fields people may correct, in the order `edited` lists them. */
export const EDITABLE_FIELDS = ["text", "owner", "due", "rag", "status"] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** People's corrections: what they set wins over what the engine later says. */
export type ItemEdits = Partial<Pick<Item, EditableField>>;

/** An item as people see it: their edits applied, their review, and what the series knows of it. */
export const itemViewSchema = itemSchema
  .extend({
    review: z.enum(ITEM_REVIEWS),
    /** The fields a person set: their values win over later engine updates. */
    edited: z.array(z.enum(EDITABLE_FIELDS)),
    links: itemLinksSchema,
  })
  .meta({ id: "ItemView" });
export type ItemView = z.infer<typeof itemViewSchema>;
