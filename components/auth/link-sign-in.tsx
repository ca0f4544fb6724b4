"use client";
import { Link2 } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { MessageBar } from "@/components/ui/states";
import { api } from "@/lib/client/api";
import { useEnterAs } from "@/lib/client/use-session";
import { AuthCard } from "./sign-in-form";

/** The first administrator's one-time link from the server's console: one click signs in. */
export function LinkSignIn() {
  const token = useSearchParams().get("token") ?? "";
  const enterAs = useEnterAs();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function go() {
    setBusy(true);
    setError(null);
    try {
      const { next } = await api<{ next: string }>("/api/auth/link", { method: "POST", body: { token } });
      await enterAs(next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }
  return (
    <AuthCard title="Sign in with a one-time link" icon={Link2}>
      <p className="mb-4 text-fg-muted">
        This link was printed in the server's console. It signs you in once as the lab's first administrator;
        set a password on the next page so that you can sign in again later.
      </p>
      {error ? (
        <div className="mb-4">
          <MessageBar kind="error">{error}</MessageBar>
        </div>
      ) : null}
      <Button variant="primary" disabled={busy || !token} onClick={() => void go()}>
        Sign in
      </Button>
    </AuthCard>
  );
}
