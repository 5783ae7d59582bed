import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "wouter";
import { NOTIFICATION_CHANNELS, NOTIFICATION_FREQUENCIES } from "../../../src/core/follow-up/channels.js";
import {
  type AppNotification,
  api,
  type NotificationChannel,
  type NotificationFrequency,
  type NotificationList,
  type NotificationPreference,
} from "../api";
import { CloseButton, ModalDialog } from "./dialog";
import { ErrorMessage, Loading } from "./feedback";
import { CHANNEL_WORDS, FREQUENCY_WORDS, NOTIFICATION_WORDS } from "./words";

/** The bell in the header: how many notifications are unread, the list, and how the person is notified. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ["notifications"],
    queryFn: () => api<NotificationList>("/api/notifications"),
    refetchInterval: 60_000,
  });
  const unread = list.data?.unread ?? 0;
  return (
    <ModalDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className="button button-quiet bell">
          Notifications
          {unread > 0 ? (
            <>
              {" "}
              <span className="bell-count">{unread}</span>
              <span className="visually-hidden"> unread</span>
            </>
          ) : null}
        </button>
      }
      title="Notifications"
      description={unread > 0 ? `${unread} unread.` : "You are up to date."}
      descriptionClassName="muted"
    >
      {list.isPending ? <Loading label="Loading your notifications" /> : null}
      <ErrorMessage error={list.error} title="Your notifications could not be loaded" />
      {list.data && list.data.notifications.length === 0 ? (
        <p className="muted">Nothing yet: reminders and meeting notes for you appear here.</p>
      ) : null}
      {list.data && list.data.notifications.length > 0 ? (
        <ul className="notification-list" aria-label="Your notifications">
          {list.data.notifications.map((notification) => (
            <NotificationRow key={notification.id} notification={notification} onOpen={() => setOpen(false)} />
          ))}
        </ul>
      ) : null}
      <details className="notification-settings">
        <summary>How you are notified</summary>
        {open ? <Preferences /> : null}
      </details>
      <div className="dialog-actions">
        <CloseButton>Close</CloseButton>
      </div>
    </ModalDialog>
  );
}

function NotificationRow({ notification, onOpen }: { notification: AppNotification; onOpen: () => void }) {
  const queryClient = useQueryClient();
  const markRead = useMutation({
    mutationFn: () => api(`/api/notifications/${encodeURIComponent(notification.id)}/read`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["notifications"] }),
  });
  const unread = notification.readAt === null && !markRead.isSuccess;
  const open = () => {
    if (unread) markRead.mutate();
    onOpen();
  };
  return (
    <li className={unread ? "is-unread" : undefined}>
      <div>
        {notification.link.startsWith("/") ? (
          <Link href={notification.link} className="notification-title" onClick={open}>
            {notification.title}
          </Link>
        ) : (
          <a href={notification.link} className="notification-title" onClick={open}>
            {notification.title}
          </a>
        )}
        {unread ? <span className="visually-hidden"> (unread)</span> : null}
        {notification.body ? <p className="notification-body">{notification.body}</p> : null}
        <span className="muted notification-when">
          {new Date(notification.createdAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
        </span>
        <ErrorMessage error={markRead.error} title="Not marked read" />
      </div>
      {unread ? (
        <button
          type="button"
          className="button button-small"
          disabled={markRead.isPending}
          onClick={() => markRead.mutate()}
        >
          Mark read<span className="visually-hidden">: {notification.title}</span>
        </button>
      ) : null}
    </li>
  );
}

/** Per kind of notification: which channel, and how often (immediately, once a day, or not at all). */
function Preferences() {
  const preferences = useQuery({
    queryKey: ["notification-preferences"],
    queryFn: () => api<{ preferences: NotificationPreference[] }>("/api/notification-preferences"),
  });
  return (
    <>
      {preferences.isPending ? <Loading label="Loading your settings" /> : null}
      <ErrorMessage error={preferences.error} title="Your settings could not be loaded" />
      {preferences.data ? (
        <div className="table-wrap">
          <table className="preferences-table">
            <thead>
              <tr>
                <th scope="col">Notification</th>
                <th scope="col">Channel</th>
                <th scope="col">How often</th>
              </tr>
            </thead>
            <tbody>
              {preferences.data.preferences.map((preference) => (
                <PreferenceRow key={preference.kind} preference={preference} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

function PreferenceRow({ preference }: { preference: NotificationPreference }) {
  const queryClient = useQueryClient();
  const ids = { channel: useId(), frequency: useId() };
  const save = useMutation({
    mutationFn: (next: Pick<NotificationPreference, "channel" | "frequency">) =>
      api<NotificationPreference>(`/api/notification-preferences/${encodeURIComponent(preference.kind)}`, {
        method: "PUT",
        body: next,
      }),
    onSuccess: (saved) =>
      queryClient.setQueryData<{ preferences: NotificationPreference[] }>(["notification-preferences"], (old) =>
        old ? { preferences: old.preferences.map((p) => (p.kind === saved.kind ? saved : p)) } : old,
      ),
  });
  const name = NOTIFICATION_WORDS[preference.kind];
  return (
    <tr>
      <th scope="row">
        {name}
        {save.isPending ? <span className="muted cell-sub"> Saving…</span> : null}
        <ErrorMessage error={save.error} title="Not saved" />
      </th>
      <td>
        <label htmlFor={ids.channel} className="visually-hidden">
          {name}: channel
        </label>
        <select
          id={ids.channel}
          value={preference.channel}
          onChange={(event) =>
            save.mutate({ channel: event.target.value as NotificationChannel, frequency: preference.frequency })
          }
        >
          {NOTIFICATION_CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {CHANNEL_WORDS[channel]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <label htmlFor={ids.frequency} className="visually-hidden">
          {name}: how often
        </label>
        <select
          id={ids.frequency}
          value={preference.frequency}
          onChange={(event) =>
            save.mutate({ channel: preference.channel, frequency: event.target.value as NotificationFrequency })
          }
        >
          {NOTIFICATION_FREQUENCIES.map((frequency) => (
            <option key={frequency} value={frequency}>
              {FREQUENCY_WORDS[frequency]}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}
