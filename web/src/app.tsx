import { lazy, Suspense } from "react";
import { Route, Switch } from "wouter";
import { Loading } from "./components/feedback";
import { AppShell } from "./components/layout";
import { SignInPage, SignUpPage } from "./pages/auth";
import { SpacesPage } from "./pages/spaces";
import { SignedIn } from "./session";

// The pages people reach after the Spaces list load on demand, so the first load stays small.
const CreateSpacePage = lazy(() => import("./pages/create-space"));
const SpaceHomePage = lazy(() => import("./pages/space-home"));
const MeetingPage = lazy(() => import("./pages/meeting"));
const PreparePage = lazy(() => import("./pages/prepare"));
const LivePage = lazy(() => import("./pages/live"));
const NotesPage = lazy(() => import("./pages/notes"));
const InvitationPage = lazy(() => import("./pages/invitation"));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path="/sign-in" component={SignInPage} />
        <Route path="/sign-up" component={SignUpPage} />
        <Route path="/invite/:token">{(params) => signedIn(<InvitationPage token={params.token} />)}</Route>
        <Route path="/">{() => signedIn(<SpacesPage />)}</Route>
        <Route path="/spaces/new">{() => signedIn(<CreateSpacePage />)}</Route>
        <Route path="/spaces/:spaceId">{(params) => signedIn(<SpaceHomePage spaceId={params.spaceId} />)}</Route>
        <Route path="/meetings/:meetingId">{(params) => signedIn(<MeetingPage meetingId={params.meetingId} />)}</Route>
        <Route path="/meetings/:meetingId/prepare">
          {(params) => signedIn(<PreparePage meetingId={params.meetingId} />)}
        </Route>
        <Route path="/meetings/:meetingId/live">
          {(params) => signedIn(<LivePage meetingId={params.meetingId} />, true)}
        </Route>
        <Route path="/meetings/:meetingId/notes">
          {(params) => signedIn(<NotesPage meetingId={params.meetingId} />)}
        </Route>
        <Route>{() => signedIn(<NotFound />)}</Route>
      </Switch>
    </Suspense>
  );
}

function signedIn(page: React.ReactNode, wide = false) {
  return (
    <SignedIn>
      <AppShell wide={wide}>
        <Suspense fallback={<Loading />}>{page}</Suspense>
      </AppShell>
    </SignedIn>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <a href="/">Go to your Spaces</a>.
      </p>
    </section>
  );
}
