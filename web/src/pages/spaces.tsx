import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { api, type SpaceSummary } from "../api";
import { EmptyState, ErrorMessage, Loading } from "../components/feedback";
import { useTitle } from "../components/layout";
import { CADENCE_WORDS, ROLE_WORDS } from "../components/words";

export function SpacesPage() {
  useTitle("Your Spaces");
  const spaces = useQuery({ queryKey: ["spaces"], queryFn: () => api<SpaceSummary[]>("/api/spaces") });
  const own = spaces.data?.filter((space) => !space.isDemo) ?? [];
  const demo = spaces.data?.filter((space) => space.isDemo) ?? [];
  return (
    <>
      <div className="page-heading">
        <h1>Your Spaces</h1>
        {own.length > 0 ? (
          <Link href="/spaces/new" className="button button-primary">
            New Space
          </Link>
        ) : null}
      </div>
      <p className="lead">
        Each recurring meeting has a Space: its template, its meetings and everything they decided.
      </p>
      {spaces.isPending ? <Loading label="Loading your Spaces" /> : null}
      <ErrorMessage error={spaces.error} />
      {spaces.data && own.length === 0 ? (
        <EmptyState
          title="You have no Spaces yet"
          action={
            <Link href="/spaces/new" className="button button-primary">
              Create your first Space
            </Link>
          }
        >
          Pick a template, name the meeting and invite the people who attend. It takes under a minute.
        </EmptyState>
      ) : null}
      {own.length > 0 ? <SpaceList spaces={own} label="Your Spaces" /> : null}
      {demo.length > 0 ? (
        <section className="section">
          <h2>Examples to explore</h2>
          <p className="muted">Read-only Spaces holding a real meeting captured by Docket.</p>
          <SpaceList spaces={demo} label="Example Spaces" />
        </section>
      ) : null}
    </>
  );
}

function SpaceList({ spaces, label }: { spaces: SpaceSummary[]; label: string }) {
  return (
    <ul className="card-list" aria-label={label}>
      {spaces.map((space) => (
        <li key={space.id} className="card">
          <Link href={`/spaces/${space.id}`} className="card-link">
            <span className="card-title">{space.name}</span>
          </Link>
          <span className="muted">
            {CADENCE_WORDS[space.cadence]} · {space.durationMinutes} min · {ROLE_WORDS[space.role]}
          </span>
        </li>
      ))}
    </ul>
  );
}
