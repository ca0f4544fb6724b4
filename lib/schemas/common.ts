import { z } from "zod";

/**
 * An id in a URL (/api/vms/12, /servers/3/vms): a positive integer written plainly, at most ten
 * digits and a safe integer. Anything else names no row; null.
 */
export function parseRouteId(raw: string): number | null {
  const id = Number(raw);
  return /^[1-9][0-9]{0,9}$/.test(raw) && Number.isSafeInteger(id) ? id : null;
}

/** Windows computer names: 1-15 letters, digits or hyphens, not all digits, no hyphen at either end. */
export const ComputerName = z
  .string()
  .trim()
  .min(1, "Enter a computer name.")
  .max(15, "A computer name has at most 15 characters (NetBIOS).")
  .regex(/^[A-Za-z0-9-]+$/, "Use only letters, digits and hyphens.")
  .refine((s) => !/^[0-9]+$/.test(s), "A computer name cannot be only digits.")
  .refine((s) => !s.startsWith("-") && !s.endsWith("-"), "A computer name cannot start or end with a hyphen.")
  .transform((s) => s.toUpperCase());

const dnsLabel = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
export const Fqdn = z
  .string()
  .trim()
  .max(253, "A DNS name has at most 253 characters.")
  .refine((s) => s.split(".").length >= 2 && s.split(".").every((l) => dnsLabel.test(l)), {
    message: "Enter a DNS name such as hv5.contoso.com (labels of 1-63 letters, digits or hyphens).",
  })
  .transform((s) => s.toLowerCase());

export const Ipv4 = z
  .string()
  .trim()
  .max(15)
  .refine((s) => {
    const parts = s.split(".");
    return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
  }, "Enter an IPv4 address such as 10.0.0.21.");

export const Cidr = z
  .string()
  .trim()
  .max(18)
  .refine((s) => {
    const [ip, prefix, extra] = s.split("/");
    return (
      extra === undefined &&
      Ipv4.safeParse(ip).success &&
      /^[0-9]{1,2}$/.test(prefix ?? "") &&
      Number(prefix) <= 32
    );
  }, "Enter a subnet such as 192.168.10.0/24.");

/** A subnet as its network address: 192.168.10.7/24 is 192.168.10.0/24. Expects a valid CIDR. */
export function networkAddress(cidr: string): string {
  const [ip = "", prefix = "0"] = cidr.split("/");
  const bits = Number(prefix);
  const value = ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
  const block = 2 ** (32 - bits);
  const net = Math.floor(value / block) * block;
  return `${[24, 16, 8, 0].map((shift) => Math.floor(net / 2 ** shift) % 256).join(".")}/${bits}`;
}

/** Hyper-V VM names: 1-100 characters, none of \ / : * ? " < > |, no leading or trailing space. */
const INVALID_NAME_CHARS = '\\/:*?"<>|';

export const VmName = z
  .string()
  .min(1, "Enter a name.")
  .max(100, "A virtual machine name has at most 100 characters.")
  .refine((s) => s.trim() === s, "A name cannot start or end with a space.")
  .refine(
    (s) => ![...s].some((c) => INVALID_NAME_CHARS.includes(c) || c.charCodeAt(0) < 32),
    'A name cannot contain \\ / : * ? " < > | or control characters.',
  );

/** A folder on a drive, as Windows allows it: C:\ClusterStorage\Volume1, D:\Hyper-V. */
export const WindowsFolder = z
  .string()
  .trim()
  .max(200, "The path is too long (at most 200 characters).")
  .regex(/^[A-Za-z]:\\/, "Enter a full path such as C:\\ClusterStorage\\Volume1.")
  .refine((p) => {
    const parts = p.slice(3).split("\\").filter(Boolean);
    return parts.every((part) => !/[<>:"/|?*]/.test(part) && ![...part].some((c) => c.charCodeAt(0) < 32));
  }, 'A folder name cannot contain < > : " / | ? * or control characters.')
  .refine(
    (p) =>
      p
        .slice(3)
        .split("\\")
        .filter(Boolean)
        .every((part) => !part.endsWith(".") && !part.endsWith(" ")),
    "A folder name cannot end with a dot or a space.",
  )
  .transform((p) => (p.length > 3 ? p.replace(/\\+$/, "") : p));

export const Tags = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9._-]+$/, "Tags use letters, digits, dot, dash, underscore."),
  )
  .max(16, "At most 16 tags.");

export const Paging = {
  cursor: z
    .string()
    .regex(/^[0-9]{1,9}$/, "The cursor is the nextCursor of a previous page.")
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}
