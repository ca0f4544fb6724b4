// The quick review that closes a lesson: a question, its choices, the right one and the reason.
// The reason is shown once the question is answered, right or wrong (docs/hyperv.md has the facts).

export interface Question {
  id: string;
  text: string;
  choices: { id: string; text: string }[];
  answer: string;
  reason: string;
}

export const QUESTIONS: readonly Question[] = [
  {
    id: "storage",
    text: "Which storage hosted the highly available VM's disk during its live migration?",
    choices: [
      { id: "local", text: "A local disk of the node it ran on, copied to the other node during the move" },
      { id: "csv", text: "A Cluster Shared Volume on SRV3's iSCSI target, reached by both nodes" },
      { id: "smb", text: "An SMB share on DC1" },
      { id: "memory", text: "None: the disk travelled with the memory pages" },
    ],
    answer: "csv",
    reason:
      "The VHDX sat on C:\\ClusterStorage\\Volume1, a Cluster Shared Volume backed by the iSCSI virtual disk on SRV3 that both nodes are connected to. Since both nodes see the same file, only memory and device state crossed the network; a VM with its disk on a node's own storage cannot even be made highly available.",
  },
  {
    id: "credssp",
    text: "With CredSSP authentication, where must a live migration between two hosts be started?",
    choices: [
      { id: "anywhere", text: "From any computer in the domain, such as the Windows Admin Center gateway" },
      { id: "source", text: "From a session signed in on the source host" },
      { id: "destination", text: "From a session signed in on the destination host" },
      { id: "dc", text: "From a domain controller" },
    ],
    answer: "source",
    reason:
      "CredSSP cannot pass your credentials on a second hop, so the move must start on the source host itself (its console, Remote Desktop or a remote PowerShell session into it). Started from anywhere else it fails with 0x8009030E. Kerberos with constrained delegation on the source's computer account removes that limit.",
  },
  {
    id: "precopy-end",
    text: "What ends the pre-copy passes of a live migration?",
    choices: [
      { id: "timer", text: "A fixed time limit of ten seconds" },
      {
        id: "threshold",
        text: "Little enough dirty memory left to send in a short blackout, or the pass cap (10 passes)",
      },
      { id: "idle", text: "The guest operating system pausing itself when it is idle" },
      { id: "destination", text: "The destination host asking for the rest" },
    ],
    answer: "threshold",
    reason:
      "Each pass sends the pages written during the previous one. Pre-copy stops once what is left is below a threshold, small enough for a blackout well under a second, or when the pass count reaches the cap (10 on Windows Server 2008 R2, the lab's default; 5 on later versions), whatever is left then crosses in the blackout.",
  },
  {
    id: "quick-cost",
    text: "What does a quick migration cost the VM's clients?",
    choices: [
      { id: "nothing", text: "Nothing: the VM keeps running throughout" },
      { id: "blackout", text: "A blackout of about half a second, like a live migration" },
      {
        id: "downtime",
        text: "Their connections: the VM is saved, moved and restored, about a minute of downtime",
      },
      { id: "reboot", text: "A restart of the guest operating system" },
    ],
    answer: "downtime",
    reason:
      "A quick migration saves the VM's memory to disk, hands the role to the other node and restores it there. The VM is not running in between, typically for about a minute, so clients lose their sessions; a live migration keeps it running apart from a sub-second blackout.",
  },
  {
    id: "non-convergence",
    text: "Why did ANALYTICS01's first move stop at the pass cap?",
    choices: [
      { id: "memory", text: "The destination did not have enough memory" },
      { id: "rate", text: "It wrote memory about as fast as the 1 GbE TCP/IP link could send it" },
      { id: "disk", text: "Its disk had to be copied first" },
      { id: "cpu", text: "The CPU was too busy compressing" },
    ],
    answer: "rate",
    reason:
      "A pass can only shrink the dirty set if the link carries memory faster than the VM dirties it. ANALYTICS01 rewrites its 40 GB hot set faster than 1 GbE with TCP/IP sends it, so every pass resent about as much as the last until the cap, and the rest crossed in a blackout of minutes. Over SMB Direct at 25 GbE the same passes run about 25 times faster and the blackout drops to seconds.",
  },
  {
    id: "kerberos-delegation",
    text: "With Kerberos, what must HV3's computer account allow before a move of APP01 to HV1 can be started from Windows Admin Center?",
    choices: [
      { id: "any-service", text: "Trust this computer for delegation to any service (Kerberos only)" },
      {
        id: "specified-any",
        text: 'Delegation to HV1\'s "Microsoft Virtual System Migration Service" and "cifs", with "Use any authentication protocol"',
      },
      { id: "specified-kerberos", text: 'The same two services, with "Use Kerberos only"' },
      { id: "nothing", text: "Nothing: a Kerberos ticket is passed on by itself" },
    ],
    answer: "specified-any",
    reason:
      'Constrained delegation names the services HV3 may reach for you: the migration service moves the VM, cifs its files (a shared-nothing move takes them along). Started from the gateway, the move reaches HV3 through WinRM (Windows Server 2016 and later), which cannot pass your ticket on, so HV3 needs protocol transition: "Use any authentication protocol". Delegation to any service, and "Use Kerberos only", have none.',
  },
  {
    id: "delegation-wait",
    text: "You added the delegation in Active Directory, yet the move fails a minute later with the same Kerberos text. Why?",
    choices: [
      {
        id: "tickets",
        text: "HV3's Kerberos tickets still carry the old delegation: it takes effect after replication and a new ticket, or at once after klist purge -li 0x3e7 on HV3",
      },
      { id: "restart", text: "HV1 has to be restarted to read the change" },
      { id: "destination", text: "HV1's computer account needs the same delegation for this move" },
      { id: "credssp", text: "The first Kerberos move must be started on HV3" },
    ],
    answer: "tickets",
    reason:
      "A host carries its delegation in its computer account's Kerberos ticket. The change takes effect once Active Directory has replicated it and HV3 has a new ticket (up to 15 minutes), or at once after purging HV3's system tickets (klist purge -li 0x3e7, the lab's \"Purge Kerberos tickets\"). HV1's own delegation matters only for moves that start on HV1.",
  },
];

export function questionNamed(id: string): Question | undefined {
  return QUESTIONS.find((q) => q.id === id);
}

export interface Answered {
  question: string;
  choice: string;
  correct: boolean;
}

/** The run's score: first answers only, out of the lesson's questions. */
export function score(
  questionIds: readonly string[],
  answers: Answered[],
): { correct: number; answered: number; total: number } {
  const mine = answers.filter((a) => questionIds.includes(a.question));
  return { correct: mine.filter((a) => a.correct).length, answered: mine.length, total: questionIds.length };
}
