import { ClusterShell } from "@/components/cluster-shell";
import { routeIds } from "../../route-id";

export default async function Layout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await routeIds(params);
  return <ClusterShell id={id}>{children}</ClusterShell>;
}
