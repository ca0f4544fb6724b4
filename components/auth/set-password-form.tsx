"use client";
import { LockKeyhole } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { MessageBar } from "@/components/ui/states";
import { api } from "@/lib/client/api";
import { useApiForm } from "@/lib/client/use-api-form";
import { useEnterAs } from "@/lib/client/use-session";
import { AuthCard } from "./sign-in-form";

/** A user sets their password from the one-time link an administrator gave them. */
export function SetPasswordForm() {
  const token = useSearchParams().get("token") ?? "";
  const enterAs = useEnterAs();
  const { form, set, errors, failure, submit } = useApiForm({ password: "", confirm: "" });
  const [mismatch, setMismatch] = useState<string | undefined>();
  return (
    <AuthCard title="Set your password" icon={LockKeyhole}>
      <p className="mb-4 text-fg-muted">Use at least 12 characters. The link works once.</p>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (form.password !== form.confirm) {
            setMismatch("The two passwords are not the same.");
            return;
          }
          setMismatch(undefined);
          void submit(async () => {
            await api("/api/auth/password", { method: "POST", body: { token, password: form.password } });
            await enterAs("/");
          });
        }}
      >
        <Field label="New password" error={errors.password} required>
          {(p) => (
            <input
              {...p}
              type="password"
              value={form.password}
              onChange={set("password")}
              autoComplete="new-password"
            />
          )}
        </Field>
        <Field label="Confirm password" error={mismatch} required>
          {(p) => (
            <input
              {...p}
              type="password"
              value={form.confirm}
              onChange={set("confirm")}
              autoComplete="new-password"
            />
          )}
        </Field>
        {failure ? <MessageBar kind="error">{failure}</MessageBar> : null}
        <div>
          <Button type="submit" variant="primary" disabled={!token}>
            Set password
          </Button>
        </div>
      </form>
    </AuthCard>
  );
}
