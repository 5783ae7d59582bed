import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId } from "react";
import { Link, Redirect, useLocation, useSearch } from "wouter";
import { ApiFailure, api, type Me } from "../api";
import { ErrorMessage } from "../components/feedback";
import { useTitle } from "../components/layout";
import { useMe, useSessionChanged } from "../session";

/**
 * Where to go after signing in: only a path inside the app, so a crafted link cannot send someone elsewhere
 * ("//evil.example" and "/\evil.example" both name another host).
 */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next && /^\/(?![/\\])/.test(next) ? next : "/";
}

function AuthForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const signingUp = mode === "sign-up";
  useTitle(signingUp ? "Create your account" : "Sign in");
  const me = useMe();
  const search = useSearch();
  const [, navigate] = useLocation();
  const sessionChanged = useSessionChanged();
  const ids = { name: useId(), email: useId(), password: useId(), hint: useId() };
  const submit = useMutation({
    mutationFn: (body: Record<string, string>) => api<Me>(`/api/auth/${mode}`, { method: "POST", body }),
    onSuccess: (session) => {
      sessionChanged(session);
      navigate(nextPath(search));
    },
  });
  if (me.data && !submit.isPending) return <Redirect to={nextPath(search)} />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Record<string, string> = {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    if (signingUp) body.name = String(form.get("name") ?? "");
    submit.mutate(body);
  }
  const fieldError = (field: string) =>
    submit.error instanceof ApiFailure ? submit.error.issues.find((issue) => issue.path.endsWith(field)) : undefined;

  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <p className="brand auth-brand">
          <span className="brand-mark" aria-hidden="true">
            D
          </span>
          Docket
        </p>
        <h1>{signingUp ? "Create your account" : "Sign in"}</h1>
        <p className="muted">
          {signingUp
            ? "Meeting notes that write themselves: decisions, action items and risks, captured while you talk."
            : "Welcome back."}
        </p>
        <form onSubmit={onSubmit} noValidate={false}>
          {signingUp ? (
            <div className="field">
              <label htmlFor={ids.name}>Your name</label>
              <input id={ids.name} name="name" autoComplete="name" required maxLength={100} />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={ids.email}>Email</label>
            <input id={ids.email} name="email" type="email" autoComplete="email" required />
            {fieldError("email") ? <p className="field-error">{fieldError("email")?.message}</p> : null}
          </div>
          <div className="field">
            <label htmlFor={ids.password}>Password</label>
            <input
              id={ids.password}
              name="password"
              type="password"
              autoComplete={signingUp ? "new-password" : "current-password"}
              required
              minLength={signingUp ? 10 : 1}
              aria-describedby={signingUp ? ids.hint : undefined}
            />
            {signingUp ? (
              <p className="hint" id={ids.hint}>
                At least 10 characters.
              </p>
            ) : null}
          </div>
          <ErrorMessage error={submit.error} />
          <button type="submit" className="button button-primary button-block" disabled={submit.isPending}>
            {submit.isPending ? "Please wait…" : signingUp ? "Create account" : "Sign in"}
          </button>
        </form>
        <p className="auth-switch">
          {signingUp ? "Already have an account? " : "New to Docket? "}
          <Link href={`${signingUp ? "/sign-in" : "/sign-up"}${search ? `?${search}` : ""}`}>
            {signingUp ? "Sign in" : "Create an account"}
          </Link>
        </p>
      </div>
    </main>
  );
}

export const SignInPage = () => <AuthForm mode="sign-in" />;
export const SignUpPage = () => <AuthForm mode="sign-up" />;
