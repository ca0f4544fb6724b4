"use client";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { VirtualMachinesTool } from "@/components/virtual-machines-tool";

/** Every VM in the domain in one grid: for finding a VM when you do not know its host. */
export function AllVirtualMachines() {
  return (
    <main className="h-full overflow-y-auto bg-page px-2">
      <div className="px-6 pt-4">
        <Link href="/" className="inline-flex items-center gap-1 text-accent hover:underline">
          <ArrowLeft aria-hidden size={14} /> All connections
        </Link>
      </div>
      <VirtualMachinesTool scope={{}} base="/vms" />
    </main>
  );
}
