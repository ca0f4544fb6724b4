import { AlertTriangle, CheckCircle2, CircleMinus, CirclePause, CircleX, Loader2, Save } from "lucide-react";

const STATES: Record<string, { icon: typeof CheckCircle2; className: string }> = {
  Running: { icon: CheckCircle2, className: "text-success" },
  Up: { icon: CheckCircle2, className: "text-success" },
  OK: { icon: CheckCircle2, className: "text-success" },
  Information: { icon: CheckCircle2, className: "text-accent" },
  Off: { icon: CircleMinus, className: "text-fg-muted" },
  "No contact": { icon: CircleMinus, className: "text-fg-muted" },
  Paused: { icon: CirclePause, className: "text-warning" },
  Saved: { icon: Save, className: "text-accent" },
  Warning: { icon: AlertTriangle, className: "text-warning" },
  "Lost communication": { icon: AlertTriangle, className: "text-warning" },
  Down: { icon: CircleX, className: "text-danger" },
  Draining: { icon: Loader2, className: "text-accent" },
  "Drain completed": { icon: CheckCircle2, className: "text-success" },
  "Drain failed": { icon: CircleX, className: "text-danger" },
  "Failing back": { icon: Loader2, className: "text-accent" },
  "Fail-back completed": { icon: CheckCircle2, className: "text-success" },
  "Fail-back failed": { icon: CircleX, className: "text-danger" },
  Error: { icon: CircleX, className: "text-danger" },
};

/** A state with its Fluent status icon; the word is always shown, colour is never the only cue. */
export function Status({ value }: { value: string }) {
  const s = STATES[value] ?? { icon: CircleMinus, className: "text-fg-muted" };
  const Icon = s.icon;
  return (
    <span className="inline-flex items-center gap-1.5">
      <Icon aria-hidden size={14} className={s.className} />
      <span>{value}</span>
    </span>
  );
}
