// Numbers as Windows Admin Center shows them.

export function formatMiB(mib: number): string {
  if (mib >= 1024 * 1024) return `${trim(mib / (1024 * 1024))} TB`;
  if (mib >= 1024) return `${trim(mib / 1024)} GB`;
  return `${Math.round(mib)} MB`;
}

export function formatGiB(gib: number): string {
  return gib >= 1024 ? `${trim(gib / 1024)} TB` : `${trim(gib)} GB`;
}

export function formatSpeed(mbps: number): string {
  return mbps >= 1000 ? `${trim(mbps / 1000)} Gbps` : `${mbps} Mbps`;
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : Number(n.toFixed(n >= 10 ? 1 : 2)).toString();
}

/** Uptime as Hyper-V Manager shows it: d.hh:mm:ss, or empty when the VM is not running. */
export function formatUptime(startIso: string | null, now: number): string {
  if (!startIso) return "";
  const total = Math.max(0, Math.floor((now - Date.parse(startIso)) / 1000));
  const days = Math.floor(total / 86_400);
  const hh = String(Math.floor((total % 86_400) / 3600)).padStart(2, "0");
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, "0");
  const ss = String(total % 60).padStart(2, "0");
  return days > 0 ? `${days}.${hh}:${mm}:${ss}` : `${hh}:${mm}:${ss}`;
}

export function formatPercent(p: number): string {
  return `${Math.round(p)}%`;
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString("en-US", {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** The time alone for today, the date alone for earlier days: the bell's compact time column. */
export function formatWhen(iso: string, now: number): string {
  const d = new Date(iso);
  if (d.toDateString() === new Date(now).toDateString()) {
    return d.toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit", second: "2-digit" });
  }
  return d.toLocaleDateString("en-US", { year: "numeric", month: "numeric", day: "numeric" });
}
