"use client";
import { Check, Copy, SquareTerminal } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";

/** Admin Center's "View PowerShell script": the same move as a script, with a Copy button. */
export function PowerShellBlock({
  script,
  title = "View PowerShell script",
}: {
  script: string;
  /** The block's heading (the Settings tool: "PowerShell for these changes"). */
  title?: string;
}) {
  const id = useId();
  const pre = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(script);
      setCopied("yes");
    } catch {
      // No clipboard over plain http: select the text so Ctrl+C does it.
      const range = document.createRange();
      if (pre.current) range.selectNodeContents(pre.current);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      setCopied("no");
    }
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <div className="mb-2 flex items-center justify-between">
        <h4 id={`${id}-h`} className="flex items-center gap-1.5 text-lg font-semibold">
          <SquareTerminal aria-hidden size={16} className="text-accent" />
          {title}
        </h4>
        <span className="flex items-center gap-2">
          <span role="status" className="text-sm text-fg-muted">
            {copied === "yes" ? "Copied to the clipboard" : copied === "no" ? "Press Ctrl+C to copy" : ""}
          </span>
          <button
            type="button"
            onClick={() => void copy()}
            className="inline-flex h-7 items-center gap-1.5 rounded-sm px-2 text-fg hover:bg-hover"
          >
            {copied === "yes" ? (
              <Check aria-hidden size={14} className="text-success" />
            ) : (
              <Copy aria-hidden size={14} className="text-accent" />
            )}
            Copy
          </button>
        </span>
      </div>
      <pre
        ref={pre}
        className="overflow-x-auto rounded-sm border border-border bg-subtle px-3 py-2 font-mono text-sm leading-5 whitespace-pre-wrap text-fg"
      >
        {script.split("\n").map((line, i) => (
          // A wrapped command hangs under its first word, so each command reads as one.
          // biome-ignore lint/suspicious/noArrayIndexKey: the script's lines never reorder
          <span key={i} className="block pl-6 -indent-6">
            <Tokens line={line} />
          </span>
        ))}
      </pre>
    </section>
  );
}

/** Wraps a long command only between its words, never at the hyphen of a -Parameter or a path. */
function Tokens({ line }: { line: string }) {
  return line.split(" ").map((token, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: tokens of a fixed line
    <span key={i}>
      {i > 0 ? " " : null}
      <span className="whitespace-nowrap">{token}</span>
    </span>
  ));
}
