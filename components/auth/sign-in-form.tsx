"use client";
import { KeyRound } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { MessageBar } from "@/components/ui/states";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { useEnterAs } from "@/lib/client/use-session";

/** Where to go after signing in: a path of this lab only (never another site). */
function nextPath(raw: string | null): string {
  return raw?.startsWith("/") && !raw.startsWith("//") ? raw : "/";
}

/** The gateway's sign-in page, as Windows Admin Center shows it when the gateway asks for one. */
export function SignInForm() {
  const params = useSearchParams();
  const enterAs = useEnterAs();
  const { form, set, errors, failure, submit } = useApiForm({ name: "", password: "" });
  return (
    <AuthCard title="Sign in" icon={KeyRound}>
      <p className="mb-4 text-fg-muted">
        This lab is open to the network, so it asks who you are. An administrator gives you your user name and
        a one-time link to set your password.
      </p>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(async () => {
            await api("/api/auth/sign-in", { method: "POST", body: form });
            await enterAs(nextPath(params.get("next")));
          });
        }}
      >
        <Field label="User name" error={errors.name} required>
          {(p) => <input {...p} value={form.name} onChange={set("name")} autoComplete="username" />}
        </Field>
        <Field label="Password" error={errors.password} required>
          {(p) => (
            <input
              {...p}
              type="password"
              value={form.password}
              onChange={set("password")}
              autoComplete="current-password"
            />
          )}
        </Field>
        {failure ? <MessageBar kind="error">{failure}</MessageBar> : null}
        <div>
          <Button type="submit" variant="primary">
            Sign in
          </Button>
        </div>
      </form>
    </AuthCard>
  );
}

export function AuthCard({
  title,
  icon: Icon,
  children,
}: {
  title: string;
  icon: typeof KeyRound;
  children: React.ReactNode;
}) {
  return (
    <main className="flex h-full items-start justify-center overflow-y-auto bg-page px-4 pt-16">
      <div className="w-full max-w-md border border-border bg-surface p-8 shadow-sm">
        <h1 className="mb-4 flex items-center gap-2 text-2xl font-semibold">
          <Icon aria-hidden size={22} className="text-accent" />
          {title}
        </h1>
        {children}
      </div>
    </main>
  );
}
