"use client";
import { RefreshCw, Search } from "lucide-react";
import { useState } from "react";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { ToolHeader } from "@/components/shell/tool-layout";
import { Button, CommandBar } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { ApiError } from "@/lib/client/api";
import { type Body, useInitiator, useInitiatorAction } from "@/lib/client/use-estate";
import { useRefusal } from "@/lib/client/use-session";
import { formatGiB } from "@/lib/present/format";

/**
 * The iSCSI Initiator of a server (iSCSI Initiator Properties: Discovery, Targets, and the disks
 * they bring to Disk Management): discover a portal, connect a target, bring its disk online.
 */
export function IscsiInitiatorTool({ hostId }: { hostId: number }) {
  const initiator = useInitiator(hostId);
  const action = useInitiatorAction(hostId);
  const refusal = useRefusal("Administrator");
  const [address, setAddress] = useState("");
  const [addressError, setAddressError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<{
    kind: "success" | "error";
    text: string;
    powershell?: string;
  } | null>(null);

  async function run(body: Body, done: string) {
    setOutcome(null);
    setAddressError(undefined);
    try {
      const { powershell } = await action.mutateAsync(body);
      setOutcome({ kind: "success", text: done, powershell });
      return true;
    } catch (error) {
      if (error instanceof ApiError) setAddressError(error.fieldIssues().address);
      setOutcome({ kind: "error", text: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  if (initiator.isPending) return <Loading label="Loading iSCSI Initiator" />;
  if (initiator.error) return <ErrorState error={initiator.error} retry={() => void initiator.refetch()} />;
  const i = initiator.data;
  return (
    <div className="pb-8">
      <ToolHeader title="iSCSI Initiator">
        <p className="text-fg-muted">
          Initiator name <span className="font-mono">{i.iqn}</span>
        </p>
      </ToolHeader>
      <div className="px-6">
        <CommandBar label="iSCSI Initiator">
          <Button variant="command" icon={RefreshCw} onClick={() => void initiator.refetch()}>
            Refresh
          </Button>
        </CommandBar>
        {outcome ? (
          <div className="my-2 flex flex-col gap-2">
            <MessageBar kind={outcome.kind}>{outcome.text}</MessageBar>
            {outcome.powershell ? <PowerShellBlock script={outcome.powershell} /> : null}
          </div>
        ) : null}
      </div>
      <div className="grid grid-cols-1 gap-4 px-6 pt-4 xl:grid-cols-2">
        <Card title="Discovery">
          <form
            aria-label="Discover target portal"
            noValidate
            className="flex items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void run({ action: "discover", address }, `Discovered the portal ${address}:3260.`).then(
                (ok) => ok && setAddress(""),
              );
            }}
          >
            <div className="flex-1">
              <Field
                label="Target portal address"
                error={addressError}
                hint="The iSCSI target server's address, port 3260"
              >
                {(p) => <input {...p} value={address} onChange={(e) => setAddress(e.target.value)} />}
              </Field>
            </div>
            <Button type="submit" icon={Search} unavailable={refusal} disabled={action.isPending}>
              Discover portal
            </Button>
          </form>
          <SimpleTable
            label="Target portals"
            rows={i.portals}
            rowKey={(p) => p.id}
            empty="No portal discovered yet."
            columns={[
              { header: "Address", render: (p) => p.address },
              { header: "Port", render: (p) => p.port },
            ]}
          />
        </Card>
        <Card title="Targets">
          <SimpleTable
            label="Discovered targets"
            rows={i.targets}
            rowKey={(t) => t.id}
            empty="No target offered to this initiator yet."
            columns={[
              {
                header: "Target",
                render: (t) => (
                  <div className="py-1">
                    <div>
                      {t.server}: {t.name}
                    </div>
                    <div className="font-mono text-sm text-fg-muted">{t.iqn}</div>
                  </div>
                ),
              },
              { header: "Status", render: (t) => t.status },
              {
                header: "Actions",
                render: (t) =>
                  t.status === "Connected" ? (
                    <Button
                      variant="command"
                      unavailable={refusal}
                      aria-label={`Disconnect ${t.name}`}
                      onClick={() =>
                        void run({ action: "disconnect", targetId: t.id }, `Disconnected ${t.name}.`)
                      }
                    >
                      Disconnect
                    </Button>
                  ) : (
                    <Button
                      variant="command"
                      unavailable={refusal}
                      aria-label={`Connect ${t.name}`}
                      onClick={() =>
                        void run({ action: "connect", targetId: t.id }, `Connected to ${t.name}.`)
                      }
                    >
                      Connect
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
        <Card title="Disks" className="xl:col-span-2">
          <SimpleTable
            label="iSCSI disks"
            rows={i.disks}
            rowKey={(d) => d.id}
            empty="No iSCSI disk: connect to a target first."
            columns={[
              { header: "Disk", className: "font-mono text-sm", render: (d) => `${d.server}: ${d.path}` },
              { header: "Size", render: (d) => formatGiB(d.sizeGiB) },
              { header: "Target", render: (d) => d.target },
              { header: "Status", render: (d) => d.status },
              {
                header: "Actions",
                render: (d) =>
                  d.status === "Offline" ? (
                    <Button
                      variant="command"
                      unavailable={refusal}
                      aria-label={`Bring online: ${d.path}`}
                      onClick={() =>
                        void run(
                          { action: "online", virtualDiskId: d.id },
                          `${d.path} is online, initialized and formatted NTFS.`,
                        )
                      }
                    >
                      Bring online
                    </Button>
                  ) : (
                    "-"
                  ),
              },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}
