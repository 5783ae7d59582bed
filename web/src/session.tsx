import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Redirect, useLocation } from "wouter";
import { ApiFailure, api, type Me, setCsrfToken } from "./api";
import { Loading } from "./components/feedback";

/** Who is signed in: null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api<Me>("/api/me");
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiFailure && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** After sign-in or sign-out: the session changed, so every cached answer belongs to someone else. */
export function useSessionChanged() {
  const queryClient = useQueryClient();
  return (me: Me | null) => {
    setCsrfToken(me?.csrfToken);
    queryClient.clear();
    queryClient.setQueryData(["me"], me);
  };
}

/** Shows its children to a signed-in person; sends anyone else to sign in, then back here. */
export function SignedIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const [location] = useLocation();
  if (me.isPending) return <Loading label="Checking your session" />;
  if (!me.data) return <Redirect to={`/sign-in?next=${encodeURIComponent(location)}`} />;
  return <>{children}</>;
}
