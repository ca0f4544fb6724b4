import { ServerShell } from "@/components/server-shell";
import { routeIds } from "../../route-id";

export default async function Layout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await routeIds(params);
  return <ServerShell id={id}>{children}</ServerShell>;
}
