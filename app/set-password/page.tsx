import { Suspense } from "react";
import { SetPasswordForm } from "@/components/auth/set-password-form";

export const metadata = { title: "Set your password" };

export default function Page() {
  return (
    <Suspense>
      <SetPasswordForm />
    </Suspense>
  );
}
