// The Settings tool's form: text as typed, checked by the route's own schema (MigrationSettingsInput),
// so a field shows the message the server would answer with, before anything is sent.
import {
  type AuthProtocol,
  byPriority,
  type HostMigrationSettings,
  type PerformanceOption,
} from "@/lib/hyperv/host-settings";
import { MigrationSettingsInput } from "@/lib/schemas/host";

export interface NetworkRow {
  /** Stable for React while rows are added, removed and moved. */
  key: number;
  subnet: string;
  priority: string;
}

export interface SettingsForm {
  enabled: boolean;
  maxLiveMigrations: string;
  maxStorageMigrations: string;
  authentication: AuthProtocol;
  performanceOption: PerformanceOption;
  useAnyNetwork: boolean;
  networks: NetworkRow[];
  maxPasses: string;
}

export function formOf(s: HostMigrationSettings): SettingsForm {
  return {
    enabled: s.enabled,
    maxLiveMigrations: String(s.maxLiveMigrations),
    maxStorageMigrations: String(s.maxStorageMigrations),
    authentication: s.authentication,
    performanceOption: s.performanceOption,
    useAnyNetwork: s.useAnyNetwork,
    networks: byPriority(s.networks).map((n, i) => ({
      key: i + 1,
      subnet: n.subnet,
      priority: String(n.priority),
    })),
    maxPasses: String(s.maxPasses),
  };
}

/** "4" is 4; anything else is sent as typed, so the schema names the field. */
const number = (text: string): number | string => (/^\s*[0-9]{1,9}\s*$/.test(text) ? Number(text) : text);

/** The PATCH body's `migration` for the whole form (every field: the form edits all of them). */
export function bodyOf(form: SettingsForm) {
  return {
    enabled: form.enabled,
    maxLiveMigrations: number(form.maxLiveMigrations),
    maxStorageMigrations: number(form.maxStorageMigrations),
    authentication: form.authentication,
    performanceOption: form.performanceOption,
    useAnyNetwork: form.useAnyNetwork,
    networks: form.networks.map((n) => ({ subnet: n.subnet.trim(), priority: number(n.priority) })),
    maxPasses: number(form.maxPasses),
  };
}

export type FormCheck =
  | { ok: true; settings: HostMigrationSettings }
  | { ok: false; errors: Record<string, string> };

/**
 * The form checked as the server checks it: the settings it means (subnets as their network
 * address), or a message per field path ("maxLiveMigrations", "networks.2.subnet").
 */
export function checkForm(form: SettingsForm): FormCheck {
  const parsed = MigrationSettingsInput.safeParse(bodyOf(form));
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
    return { ok: false, errors };
  }
  const v = parsed.data;
  return {
    ok: true,
    settings: {
      enabled: v.enabled ?? form.enabled,
      maxLiveMigrations: v.maxLiveMigrations ?? 0,
      maxStorageMigrations: v.maxStorageMigrations ?? 0,
      authentication: v.authentication ?? form.authentication,
      performanceOption: v.performanceOption ?? form.performanceOption,
      useAnyNetwork: v.useAnyNetwork ?? form.useAnyNetwork,
      networks: v.networks ?? [],
      maxPasses: v.maxPasses ?? 0,
    },
  };
}

/** Whether the form differs from what was loaded (as text: "04" typed over "4" counts). */
export function formDirty(form: SettingsForm, loaded: SettingsForm): boolean {
  const strip = (f: SettingsForm) => ({ ...f, networks: f.networks.map(({ key: _, ...n }) => n) });
  return JSON.stringify(strip(form)) !== JSON.stringify(strip(loaded));
}

/** The settings as GET /api/hosts/:id answers them (rows with ids), in the form's terms. */
export function settingsOf(migration: {
  enabled: boolean;
  maxLiveMigrations: number;
  maxStorageMigrations: number;
  authentication: AuthProtocol;
  performanceOption: PerformanceOption;
  useAnyNetwork: boolean;
  maxPasses: number;
  networks: { subnet: string; priority: number }[];
}): HostMigrationSettings {
  return {
    enabled: migration.enabled,
    maxLiveMigrations: migration.maxLiveMigrations,
    maxStorageMigrations: migration.maxStorageMigrations,
    authentication: migration.authentication,
    performanceOption: migration.performanceOption,
    useAnyNetwork: migration.useAnyNetwork,
    maxPasses: migration.maxPasses,
    networks: migration.networks.map((n) => ({ subnet: n.subnet, priority: n.priority })),
  };
}

/** A 422's field paths under `migration.` as the form's own ("migration.networks.0.subnet"). */
export function formIssues(issues: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(issues).map(([path, message]) => [path.replace(/^migration\./, ""), message]),
  );
}
