// Where follow-up goes and how people choose to receive it: the words the outbox, the settings and the web app share.

/** Services a Space may connect (their settings and secrets are stored per Space). */
export const INTEGRATION_KINDS = ["slack", "webhook", "salesforce"] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

/** Where a delivery in the outbox is sent. */
export const DELIVERY_CHANNELS = ["email", "slack", "webhook", "salesforce"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_STATUSES = ["pending", "sending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const NOTIFICATION_KINDS = ["pre-read-reminder", "action-reminder", "notes"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_CHANNELS = ["email", "slack", "in-app"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const NOTIFICATION_FREQUENCIES = ["immediately", "daily", "off"] as const;
export type NotificationFrequency = (typeof NOTIFICATION_FREQUENCIES)[number];
