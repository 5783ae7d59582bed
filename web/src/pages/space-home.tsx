export default function Page(_: { spaceId: string }) {
  return <p>Not built yet.</p>;
}
