"use client";
import { SquareTerminal } from "lucide-react";
import { useState } from "react";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";

export interface NamedScript {
  /** What the script does, as the tool's action names it ("Start", "Enable live migrations"). */
  name: string;
  script: string;
}

/**
 * Admin Center's "View PowerShell scripts" in a tool's command bar: the cmdlets behind the tool's
 * actions, one at a time, each with Copy.
 */
export function PowerShellScripts({
  tool,
  scripts,
  note,
}: {
  /** The tool's name, for the panel's title. */
  tool: string;
  scripts: NamedScript[];
  /** A line above the scripts (which VM or host they are for). */
  note?: string;
}) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState(0);
  const current = scripts[Math.min(chosen, scripts.length - 1)];
  return (
    <>
      <Button variant="command" icon={SquareTerminal} onClick={() => setOpen(true)}>
        View PowerShell scripts
      </Button>
      {open ? (
        <Panel title={`PowerShell scripts: ${tool}`} wide onClose={() => setOpen(false)}>
          <div className="flex flex-col gap-4">
            {note ? <p className="text-fg-muted">{note}</p> : null}
            <Field label="Script">
              {(p) => (
                <select {...p} value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
                  {scripts.map((s, i) => (
                    <option key={s.name} value={i}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {current ? <PowerShellBlock title={current.name} script={current.script} /> : null}
          </div>
        </Panel>
      ) : null}
    </>
  );
}
