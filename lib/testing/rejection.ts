import { expect } from "vitest";
import { DomainError } from "@/lib/http/errors";

/** Awaits a promise that must reject with a DomainError, and returns that error. */
export async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}
