import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation } from "wouter";
import { api, type Role } from "../api";
import { ErrorMessage } from "../components/feedback";
import { useTitle } from "../components/layout";

/** An invitation link: the signed-in person accepts it and lands in the Space. */
export default function InvitationPage({ token }: { token: string }) {
  useTitle("Join a Space");
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () =>
      api<{ spaceId: string; role: Role; alreadyMember: boolean }>(`/api/invitations/${token}/accept`, {
        method: "POST",
      }),
    onSuccess: async ({ spaceId }) => {
      await queryClient.invalidateQueries({ queryKey: ["spaces"] });
      navigate(`/spaces/${spaceId}`);
    },
  });
  return (
    <section className="panel" style={{ maxWidth: "32rem" }}>
      <h1>Join a Space</h1>
      <p>You were invited to a Space on Docket. Join it to see its meetings, decisions and action items.</p>
      <ErrorMessage error={accept.error} title="The invitation could not be used" />
      <div className="page-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={accept.isPending}
          onClick={() => accept.mutate()}
        >
          {accept.isPending ? "Joining…" : "Join the Space"}
        </button>
        <Link href="/" className="button">
          Not now
        </Link>
      </div>
    </section>
  );
}
