"use client";
import { ScrollText, Users } from "lucide-react";
import { ToolLayout } from "@/components/shell/tool-layout";

/** The gateway's own settings (Admin Center: Settings > Gateway): who may use the lab, and what they did. */
export function SettingsShell({ children }: { children: React.ReactNode }) {
  return (
    <ToolLayout
      title="Settings"
      subtitle="Gateway"
      tools={[
        { href: "/settings/users", label: "Users", icon: Users },
        { href: "/settings/audit", label: "Audit log", icon: ScrollText },
      ]}
    >
      {children}
    </ToolLayout>
  );
}
