import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ApiFailure } from "./api";
import { App } from "./app";
import "./styles.css";

// A session that ended while the page was open (expired, signed out elsewhere): forget who was signed in, so
// <SignedIn> sends the person to sign in and back to where they were.
function onError(error: Error) {
  if (error instanceof ApiFailure && error.status === 401) queryClient.setQueryData(["me"], null);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // A refused request (404, 403) will not change by asking again; a dropped connection might.
      retry: (count, error) => !(error instanceof ApiFailure && error.status > 0) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
