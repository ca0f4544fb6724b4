import { AlertCircle, Loader2 } from "lucide-react";

export function Loading({ label = "Loading" }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 p-4 text-fg-muted">
      <Loader2 aria-hidden size={16} className="animate-spin text-accent" />
      {label}...
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof Error ? error.message : "Something went wrong.";
  return (
    <div
      role="alert"
      className="m-4 flex items-start gap-2 rounded-sm border border-danger bg-danger-soft p-3"
    >
      <AlertCircle aria-hidden size={16} className="mt-0.5 text-danger" />
      <div className="flex-1">
        <div className="font-semibold">Couldn't load this data</div>
        <div>{message}</div>
      </div>
      {retry ? (
        <button type="button" className="text-accent hover:underline" onClick={retry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="p-6 text-center text-fg-muted">{children}</div>;
}

export function MessageBar({
  kind,
  children,
}: {
  kind: "error" | "success" | "warning";
  children: React.ReactNode;
}) {
  const styles = {
    error: "bg-danger-soft border-danger",
    success: "bg-success-soft border-success",
    warning: "bg-warning-soft border-warning",
  }[kind];
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`rounded-sm border-l-4 px-3 py-2 ${styles}`}>
      {children}
    </div>
  );
}
