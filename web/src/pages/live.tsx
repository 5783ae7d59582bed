export default function Page(_: { meetingId: string }) {
  return <p>Not built yet.</p>;
}
