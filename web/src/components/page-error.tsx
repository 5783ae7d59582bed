import { Link } from "wouter";
import { ErrorMessage } from "./feedback";

/** A page whose subject could not be read: what failed, why, and the way back. */
export function PageError({ title, error }: { title: string; error: unknown }) {
  return (
    <>
      <h1>{title}</h1>
      <ErrorMessage error={error} />
      <p>
        <Link href="/">Go back to your Spaces</Link>
      </p>
    </>
  );
}
