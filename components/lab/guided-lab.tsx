"use client";
import { ArrowLeft, CircleCheck, CircleDashed, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { PowerShellBlock } from "@/components/move-vm/powershell-block";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useModalDialog } from "@/components/ui/panel";
import { SimpleTable } from "@/components/ui/simple-table";
import { ErrorState, Loading, MessageBar } from "@/components/ui/states";
import { useAnswer, useGuide, useLabAction, useStartLesson } from "@/lib/client/use-guide";
import { useRefusal } from "@/lib/client/use-session";
import type { Guide, GuideQuestion } from "@/lib/lab/guide";
import type { LabStep } from "@/lib/lab/lessons";
import { formatDateTime } from "@/lib/present/format";

type Lesson = Guide["lessons"][number];

/**
 * The guided lab: a lesson's steps, each with what to do and why, a link to the real form, the
 * PowerShell, and a check that reads the estate; a checklist of progress; the quick review.
 */
export function GuidedLab() {
  const guide = useGuide();
  const [confirming, setConfirming] = useState<Lesson | null>(null);
  if (guide.isPending) return <Loading label="Loading the guided lab" />;
  if (guide.error) return <ErrorState error={guide.error} retry={() => void guide.refetch()} />;
  const g = guide.data;
  const current = g.lessons.find((l) => l.id === g.run?.lesson);
  const others = g.lessons.filter((l) => l.id !== current?.id);
  return (
    <main className="h-full overflow-y-auto bg-page px-8 py-6">
      <Link href="/" className="inline-flex items-center gap-1 text-accent hover:underline">
        <ArrowLeft aria-hidden size={14} /> All connections
      </Link>
      <h1 className="mt-2 text-2xl font-semibold">Guided lab</h1>
      {current && g.run ? (
        <RunView guide={g} lesson={current} onStartOver={() => setConfirming(current)} />
      ) : (
        <p className="mt-2 max-w-3xl">
          Each lesson replaces the lab's estate with its own starting point, then guides you through the real
          forms: every step says what to do and why, shows the PowerShell that does the same, and checks the
          estate for what is still missing. Your progress is kept, across a reload and a restart of the lab.
        </p>
      )}
      <section aria-label={current ? "Other lessons" : "Lessons"} className="mt-6 max-w-5xl">
        <h2 className="mb-3 text-xl font-semibold">{current ? "Other lessons" : "Lessons"}</h2>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {others.map((l) => (
            <Card key={l.id} title={l.title}>
              <p className="mb-3">{l.summary}</p>
              <StartButton onClick={() => setConfirming(l)}>Start</StartButton>
            </Card>
          ))}
        </div>
      </section>
      {g.history.length > 0 ? (
        <section aria-label="Earlier runs" className="mt-6 max-w-5xl">
          <h2 className="mb-3 text-xl font-semibold">Earlier runs</h2>
          <SimpleTable
            label="Earlier runs"
            rows={g.history}
            rowKey={(r) => r.id}
            columns={[
              {
                header: "Lesson",
                render: (r) => g.lessons.find((l) => l.id === r.lesson)?.title ?? r.lesson,
              },
              { header: "Started", render: (r) => formatDateTime(r.startedAt) },
              {
                header: "Quick review",
                render: (r) => `${r.correct} of ${r.total} right (${r.answered} answered)`,
              },
            ]}
          />
        </section>
      ) : null}
      {confirming ? (
        <ConfirmStart
          lesson={confirming}
          over={confirming.id === current?.id}
          estate={g.estate}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </main>
  );
}

function StartButton({ onClick, children }: { onClick: () => void; children: React.ReactNode }) {
  const refusal = useRefusal("Administrator");
  return (
    <Button variant="primary" unavailable={refusal} onClick={onClick}>
      {children}
    </Button>
  );
}

function RunView({ guide, lesson, onStartOver }: { guide: Guide; lesson: Lesson; onStartOver: () => void }) {
  const refusal = useRefusal("Administrator");
  const { progress } = guide;
  return (
    <>
      <section aria-label="Current lesson" className="mt-3 flex max-w-5xl flex-wrap items-center gap-4">
        <div className="flex-1">
          <h2 className="text-xl font-semibold">{lesson.title}</h2>
          <p className="text-fg-muted">
            Started {guide.run ? formatDateTime(guide.run.startedAt) : ""} · {progress.done} of{" "}
            {progress.total} steps done
          </p>
        </div>
        <Button icon={RotateCcw} unavailable={refusal} onClick={onStartOver}>
          Start over
        </Button>
      </section>
      <nav aria-label="Checklist" className="mt-4 max-w-5xl rounded-sm border border-border bg-surface p-4">
        <h2 className="mb-2 font-semibold">Checklist</h2>
        <ol className="flex flex-col gap-1">
          {guide.steps.map((s, i) => (
            <li key={s.id}>
              <a href={`#step-${s.id}`} className="inline-flex items-center gap-2 hover:underline">
                {s.check.done ? (
                  <CircleCheck aria-hidden size={16} className="text-success" />
                ) : (
                  <CircleDashed aria-hidden size={16} className="text-fg-muted" />
                )}
                Step {i + 1}: {s.title} ({s.check.done ? "done" : "to do"})
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <div className="mt-4 flex max-w-5xl flex-col gap-4">
        {guide.steps.map((s, i) => (
          <StepView key={s.id} step={s} number={i + 1} />
        ))}
      </div>
      <QuickReview guide={guide} />
    </>
  );
}

function StepView({ step, number }: { step: LabStep; number: number }) {
  const action = useLabAction();
  const refusal = useRefusal("Administrator");
  const headingId = `step-${step.id}-title`;
  return (
    <section
      id={`step-${step.id}`}
      aria-labelledby={headingId}
      className="scroll-mt-4 rounded-sm border border-border bg-surface p-4"
    >
      <h3 id={headingId} className="mb-2 text-lg font-semibold">
        Step {number}: {step.title}
      </h3>
      <p>{step.what}</p>
      <p className="mt-2 text-fg-muted">
        <span className="font-semibold text-fg">Why: </span>
        {step.why}
      </p>
      <div className="mt-3 flex flex-wrap gap-4">
        {step.links.map((l) => (
          <Link key={l.href + l.label} href={l.href} className="text-accent hover:underline">
            {l.label}
          </Link>
        ))}
      </div>
      {step.action ? (
        <section
          aria-label="The lab's change"
          className="mt-3 rounded-sm border border-dashed border-border bg-subtle p-3"
        >
          <p className="mb-2">
            <span className="font-semibold">The lab's change: </span>
            {step.action.note}
          </p>
          <Button
            unavailable={refusal}
            disabled={action.isPending}
            onClick={() => step.action && action.mutate(step.action.id)}
          >
            {step.action.label}
          </Button>
          {action.error ? (
            <div className="mt-2">
              <MessageBar kind="error">{action.error.message}</MessageBar>
            </div>
          ) : null}
        </section>
      ) : null}
      <section aria-label={`Check of step ${number}`} className="mt-3">
        {step.check.done ? (
          <p className="flex items-center gap-2 font-semibold text-success">
            <CircleCheck aria-hidden size={16} /> Check passed: this step is done.
          </p>
        ) : (
          <>
            <p className="font-semibold">Check: still missing</p>
            <ul aria-label="Still missing" className="list-disc pl-6">
              {step.check.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      <div className="mt-3">
        <PowerShellBlock script={step.powershell} />
      </div>
    </section>
  );
}

function QuickReview({ guide }: { guide: Guide }) {
  const s = guide.score;
  return (
    <section aria-labelledby="quick-review" className="mt-6 max-w-5xl">
      <h2 id="quick-review" className="text-xl font-semibold">
        Quick review
      </h2>
      <p className="mb-3 text-fg-muted" aria-live="polite">
        {s ? `Score for this run: ${s.correct} of ${s.total} right (${s.answered} answered).` : ""} Your first
        answer to each question counts.
      </p>
      <div className="flex flex-col gap-4">
        {guide.questions.map((q) => (
          <QuestionView key={q.id} question={q} />
        ))}
      </div>
    </section>
  );
}

function QuestionView({ question }: { question: GuideQuestion }) {
  const answer = useAnswer();
  const refusal = useRefusal("Operator");
  const [choice, setChoice] = useState<string>("");
  const answered = question.answered;
  const right = question.choices.find((c) => c.id === answered?.answer);
  return (
    <form
      aria-label={question.text}
      className="rounded-sm border border-border bg-surface p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) answer.mutate({ question: question.id, choice });
      }}
    >
      <fieldset disabled={answered !== null}>
        <legend className="mb-2 font-semibold">{question.text}</legend>
        {question.choices.map((c) => (
          <label key={c.id} className="flex items-center gap-2 py-0.5">
            <input
              type="radio"
              name={`question-${question.id}`}
              value={c.id}
              checked={answered ? answered.choice === c.id : choice === c.id}
              onChange={() => setChoice(c.id)}
            />
            {c.text}
          </label>
        ))}
      </fieldset>
      {answered ? (
        <div className="mt-3">
          <MessageBar kind={answered.correct ? "success" : "warning"}>
            <strong>{answered.correct ? "Correct." : `Not quite: the answer is "${right?.text}".`}</strong>{" "}
            {answered.reason}
          </MessageBar>
        </div>
      ) : (
        <div className="mt-3">
          <Button type="submit" unavailable={refusal} disabled={!choice || answer.isPending}>
            Answer
          </Button>
        </div>
      )}
      {answer.error ? (
        <div className="mt-2">
          <MessageBar kind="error">{answer.error.message}</MessageBar>
        </div>
      ) : null}
    </form>
  );
}

/** The confirmation before the estate is replaced: what will be lost, in numbers. */
function ConfirmStart({
  lesson,
  over,
  estate,
  onClose,
}: {
  lesson: Lesson;
  over: boolean;
  estate: Guide["estate"];
  onClose: () => void;
}) {
  const { titleId, dialogProps } = useModalDialog(onClose);
  const start = useStartLesson();
  const lost = [
    [estate.servers, "server"],
    [estate.clusters, "cluster"],
    [estate.vms, "virtual machine"],
    [estate.virtualDisks, "iSCSI virtual disk"],
    [estate.volumes, "Cluster Shared Volume"],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, what]) => `${n} ${what}${n === 1 ? "" : "s"}`);
  async function go() {
    try {
      await start.mutateAsync(lesson.id);
      onClose();
    } catch {
      // The message shows in the dialog.
    }
  }
  return (
    <dialog
      {...dialogProps}
      className="m-auto w-[min(560px,100vw)] border border-border bg-surface p-6 text-fg shadow-2xl backdrop:bg-black/30"
    >
      <h2 id={titleId} className="mb-3 text-xl font-semibold">
        {over ? "Start over?" : `Start "${lesson.title}"?`}
      </h2>
      <p>
        The lab's whole estate is replaced with the lesson's starting point ({lesson.scenario}).{" "}
        {lost.length > 0 ? `You will lose ${lost.join(", ")}` : "The estate is empty now"}
        {estate.moves > 0 ? `, and the history of ${estate.moves} move${estate.moves === 1 ? "" : "s"}` : ""}.
      </p>
      {estate.inFlight > 0 ? (
        <p className="mt-2">
          {estate.inFlight} move{estate.inFlight === 1 ? " is" : "s are"} in flight:{" "}
          {estate.inFlight === 1 ? "it ends" : "they end"} first, each VM staying on its source host.
        </p>
      ) : null}
      <p className="mt-2 text-fg-muted">
        Users, sessions and the audit log stay{over ? "; this run's answers are kept in its history" : ""}.
      </p>
      {start.error ? (
        <div className="mt-3">
          <MessageBar kind="error">{start.error.message}</MessageBar>
        </div>
      ) : null}
      <div className="mt-5 flex gap-2">
        <Button variant="primary" disabled={start.isPending} onClick={() => void go()}>
          Replace the estate and start
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </dialog>
  );
}
