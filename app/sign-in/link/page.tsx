import { Suspense } from "react";
import { LinkSignIn } from "@/components/auth/link-sign-in";

export const metadata = { title: "Sign in with a one-time link" };

export default function Page() {
  return (
    <Suspense>
      <LinkSignIn />
    </Suspense>
  );
}
