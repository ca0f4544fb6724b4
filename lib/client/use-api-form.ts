"use client";
import { useState } from "react";
import { ApiError } from "./api";

/**
 * A form whose validation is the API's: text fields as typed, and on a refusal the 422's field
 * messages by path plus the envelope's message. `aliases` moves a message onto the form's own
 * field name (memoryMiB -> memoryGiB) when the form edits a value in other units.
 */
export function useApiForm<F extends Record<string, unknown>>(initial: F) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  // The value is read now, not in the updater: React may run the updater after it has put a
  // controlled input's old value back, and the keystroke would be lost.
  const set = (key: keyof F) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setForm((f) => ({ ...f, [key]: value }));
  };

  async function submit(send: () => Promise<void>, alias?: (issues: Record<string, string>) => void) {
    setErrors({});
    setFailure(null);
    try {
      await send();
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setFailure(String(error));
        return;
      }
      const issues = error.fieldIssues();
      alias?.(issues);
      setErrors(issues);
      setFailure(error.message);
    }
  }

  return { form, setForm, set, errors, failure, submit };
}
