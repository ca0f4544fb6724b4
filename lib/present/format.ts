// Numbers as Windows shows them: sizes and transfer rates in binary units written "KB", "MB",
// "GB", "TB" (so an 8,192 MB VM reads "8 GB" everywhere), link speeds in bits per second
// ("10 Gbps"), as an adapter's properties show them. The one formatter the screens and texts use.

const KiB = 1024;
const SIZE_UNITS = ["KB", "MB", "GB", "TB", "PB"] as const;

/** Up to three significant digits, trailing zeros dropped: 8, 15.9, 1.46, 256. */
function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : Number(n.toFixed(n >= 10 ? 1 : 2)).toString();
}

/** A size in bytes: "512 bytes", "15.9 MB", "8 GB". */
export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) < KiB) return `${Math.round(bytes)} bytes`;
  let value = bytes / KiB;
  let unit = 0;
  // 1023.9 MB would print as "1024 MB": move up once the rounded value reaches 1024.
  while (Math.abs(Number(trim(Math.abs(value)))) >= KiB && unit < SIZE_UNITS.length - 1) {
    value /= KiB;
    unit += 1;
  }
  return `${value < 0 ? "-" : ""}${trim(Math.abs(value))} ${SIZE_UNITS[unit]}`;
}

/** Bytes per second in the same units: "112 MB/s". */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Memory as the inventory stores it (MiB). */
export function formatMiB(mib: number): string {
  return formatBytes(mib * KiB * KiB);
}

/** Disk and volume sizes as the inventory stores them (GiB). */
export function formatGiB(gib: number): string {
  return formatBytes(gib * KiB * KiB * KiB);
}

/** A NIC's link speed (Mbit/s): "10 Gbps", "100 Mbps". */
export function formatSpeed(mbps: number): string {
  return mbps >= 1000 ? `${trim(mbps / 1000)} Gbps` : `${mbps} Mbps`;
}

/** Bytes per second on a network, in bits as an adapter's speed is given: "12.5 Gbps", "800 Mbps". */
export function formatLinkRate(bytesPerSecond: number): string {
  return formatSpeed(Math.round((bytesPerSecond * 8) / 1e5) / 10);
}

/** A simulated duration: "0.52 s", "12.4 s", "3 min 5 s", "1 h 46 min". */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(2)} s`;
  if (s < 120) return `${s.toFixed(1)} s`;
  // Whole seconds first, so 539.6 s reads "9 min 0 s", never "8 min 60 s".
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  // A move throttled to a crawl can take hours: "1 h 46 min", not "106 min 44 s".
  const minutes = Math.round(whole / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
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

/**
 * A log axis over [min, max] bytes with ticks that read as round binary sizes: powers of 4
 * (1 MB, 4 MB, 16 MB, ... 1 GB), or of 16 when that would make more than eight ticks.
 */
export function binaryLogAxis(min: number, max: number): { floor: number; ceiling: number; ticks: number[] } {
  const lo = Math.max(1, Math.min(min, max));
  const floor = 4 ** Math.floor(Math.log(lo) / Math.log(4));
  const ceiling = Math.max(floor * 4, 4 ** Math.ceil(Math.log(Math.max(max, lo)) / Math.log(4)));
  const steps = Math.round(Math.log(ceiling / floor) / Math.log(4));
  const ratio = steps > 8 ? 16 : 4;
  const ticks = [floor];
  while ((ticks.at(-1) ?? ceiling) < ceiling) ticks.push((ticks.at(-1) ?? ceiling) * ratio);
  return { floor, ceiling: ticks.at(-1) ?? ceiling, ticks };
}

/**
 * Labels for a linear axis of bytes (or bytes per second, with suffix "/s"): every tick in the unit
 * of the largest, so one axis never mixes "512 MB/s" with "1.5 GB/s", and the origin a plain "0".
 */
export function binaryAxisLabels(ticks: readonly number[], suffix = ""): (value: number) => string {
  const top = Math.max(0, ...ticks);
  let scale = 1;
  let unit = -1;
  while (top / scale >= KiB && unit < SIZE_UNITS.length - 1) {
    scale *= KiB;
    unit += 1;
  }
  return (value) => {
    if (value === 0) return "0";
    const name = unit < 0 ? "bytes" : SIZE_UNITS[unit];
    return `${trim(value / scale)} ${name}${suffix}`;
  };
}

/** Labels for a linear axis of a network's bytes per second, in bits: "0", "10 Gbps", "20 Gbps". */
export function linkAxisLabels(ticks: readonly number[]): (bytesPerSecond: number) => string {
  const giga = Math.max(0, ...ticks) * 8 >= 1e9;
  return (bytesPerSecond) => {
    if (bytesPerSecond === 0) return "0";
    const bits = bytesPerSecond * 8;
    return giga ? `${trim(bits / 1e9)} Gbps` : `${trim(bits / 1e6)} Mbps`;
  };
}

/** Linear-axis ticks from 0 past `max` at a round step in binary units (0, 512 MB, 1 GB, 1.5 GB). */
export function binaryLinearTicks(max: number, count = 4): number[] {
  return roundLinearTicks(max, count, KiB);
}

/** Linear-axis ticks from 0 past `max` at a round step in decimal units (0, 10, 20, 30 Gbps). */
export function decimalLinearTicks(max: number, count = 4): number[] {
  return roundLinearTicks(max, count, 1000);
}

function roundLinearTicks(max: number, count: number, base: number): number[] {
  if (!(max > 0)) return [0];
  let unit = 1;
  while (max / unit >= base) unit *= base;
  const raw = max / unit / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude * unit;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}
