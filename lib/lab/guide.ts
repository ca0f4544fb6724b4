import "server-only";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, PreconditionError, ValidationError } from "@/lib/http/errors";
import { effectiveDelegation } from "@/lib/hyperv/delegation";
import { CHANNEL } from "@/lib/hyperv/vocabulary";
import { desiredOf, ticketOf } from "@/lib/inventory/active-directory";
import { parseList } from "@/lib/inventory/json";
import type { LabActionInput, LabAnswerInput, StartLessonInput } from "@/lib/schemas/guide";
import { type LabFacts, type LabStep, LESSONS, lessonNamed } from "./lessons";
import { labNow } from "./now";
import { questionNamed, score } from "./quiz";
import { resetLab } from "./reset";

/** The estate as the lessons' checks read it: one read of everything they look at. */
export async function labFacts(now = labNow()): Promise<LabFacts> {
  const [domain, hosts, clusters, virtualDisks, targets, vms, migrations] = await Promise.all([
    db.domain.findFirst({ orderBy: { id: "asc" }, select: { name: true } }),
    db.host.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        fqdn: true,
        state: true,
        roles: true,
        clusterId: true,
        domain: { select: { name: true, replicationMinutes: true } },
        _count: { select: { dataDisks: true } },
        adapters: { where: { purpose: "LiveMigration" }, select: { speedMbps: true, rdma: true } },
        migrationSettings: { select: { performanceOption: true, authentication: true, enabled: true } },
        computerAccount: true,
        delegationsFrom: { select: { service: true, toHostId: true } },
      },
    }),
    db.cluster.findMany({
      orderBy: { id: "asc" },
      select: { id: true, name: true, nodes: { select: { id: true } } },
    }),
    db.iscsiVirtualDisk.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        path: true,
        sizeGiB: true,
        targetId: true,
        formatted: true,
        clusterId: true,
        dataDisk: { select: { hostId: true } },
        volumes: { select: { path: true } },
      },
    }),
    db.iscsiTarget.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        name: true,
        iqn: true,
        hostId: true,
        initiators: { select: { iqn: true } },
        connections: { select: { hostId: true } },
      },
    }),
    db.vm.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        name: true,
        hostId: true,
        state: true,
        highlyAvailable: true,
        disks: { select: { csv: { select: { path: true } } } },
      },
    }),
    db.migration.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        vmName: true,
        kind: true,
        status: true,
        startedFrom: true,
        sourceHostId: true,
        destinationHostId: true,
        summary: true,
      },
    }),
  ]);
  return {
    now: now.toISOString(),
    domain: domain?.name ?? null,
    hosts: hosts.map((h) => ({
      id: h.id,
      name: h.name,
      fqdn: h.fqdn,
      state: h.state,
      roles: parseList(h.roles),
      domain: h.domain.name,
      clusterId: h.clusterId,
      dataDisks: h._count.dataDisks,
      liveMigrationNics: h.adapters,
      performanceOption: h.migrationSettings?.performanceOption ?? null,
      authentication: h.migrationSettings?.authentication ?? null,
      liveMigrations: h.migrationSettings?.enabled ?? false,
    })),
    accounts: hosts.map((h) => {
      const delegation = desiredOf(h.computerAccount, h.delegationsFrom);
      const { state, pendingUntil } = effectiveDelegation(
        delegation,
        ticketOf(h.computerAccount),
        now,
        h.domain.replicationMinutes * 60_000,
      );
      return {
        hostId: h.id,
        delegation,
        tickets: state,
        pendingUntil: pendingUntil?.toISOString() ?? null,
      };
    }),
    clusters: clusters.map((c) => ({ id: c.id, name: c.name, nodeIds: c.nodes.map((n) => n.id) })),
    virtualDisks: virtualDisks.map((d) => ({
      id: d.id,
      path: d.path,
      sizeGiB: d.sizeGiB,
      serverId: d.dataDisk.hostId,
      targetId: d.targetId,
      formatted: d.formatted,
      clusterId: d.clusterId,
      csvPath: d.volumes[0]?.path ?? null,
    })),
    targets: targets.map((t) => ({
      id: t.id,
      name: t.name,
      iqn: t.iqn,
      serverId: t.hostId,
      initiatorIqns: t.initiators.map((i) => i.iqn),
      connectedHostIds: t.connections.map((c) => c.hostId),
    })),
    vms: vms.map((v) => ({
      id: v.id,
      name: v.name,
      hostId: v.hostId,
      state: v.state,
      highlyAvailable: v.highlyAvailable,
      diskCsvPaths: v.disks.map((d) => d.csv?.path ?? null),
    })),
    migrations: migrations.map((m) => ({
      id: m.id,
      vmName: m.vmName,
      kind: m.kind,
      status: m.status,
      startedFrom: m.startedFrom,
      sourceHostId: m.sourceHostId,
      destinationHostId: m.destinationHostId,
      reason: reasonKind(m.summary),
      downtimeMs: downtime(m.summary),
    })),
  };
}

function downtime(summary: unknown): number | null {
  const ms = (summary as { downtimeMs?: unknown } | null)?.downtimeMs;
  return typeof ms === "number" ? ms : null;
}

function reasonKind(summary: unknown): string | null {
  const reason = (summary as { reason?: { kind?: unknown } } | null)?.reason?.kind;
  return typeof reason === "string" ? reason : null;
}

/** What a start or a start over replaces, for the confirmation. */
async function estateNow() {
  const [servers, clusters, vms, virtualDisks, volumes, moves, inFlight] = await Promise.all([
    db.host.count(),
    db.cluster.count(),
    db.vm.count(),
    db.iscsiVirtualDisk.count(),
    db.clusterSharedVolume.count(),
    db.migration.count(),
    db.migration.count({ where: { status: { in: ["queued", "running"] } } }),
  ]);
  return { servers, clusters, vms, virtualDisks, volumes, moves, inFlight };
}

export interface GuideQuestion {
  id: string;
  text: string;
  choices: { id: string; text: string }[];
  /** Shown once answered: what was chosen, whether it was right, and why. */
  answered: { choice: string; correct: boolean; answer: string; reason: string } | null;
}

export interface Guide {
  lessons: { id: string; title: string; summary: string; scenario: string }[];
  run: { id: number; lesson: string; title: string; startedAt: string } | null;
  steps: LabStep[];
  progress: { done: number; total: number };
  questions: GuideQuestion[];
  score: { correct: number; answered: number; total: number } | null;
  /** Runs before this one, newest first, with their scores. */
  history: {
    id: number;
    lesson: string;
    startedAt: string;
    correct: number;
    answered: number;
    total: number;
  }[];
  estate: Awaited<ReturnType<typeof estateNow>>;
}

/** GET /api/lab/guide: the current run, its steps checked against the estate, its review. */
export async function getGuide(): Promise<Guide> {
  const [runs, estate] = await Promise.all([
    db.labRun.findMany({
      orderBy: { id: "desc" },
      take: 20,
      include: { answers: { orderBy: { id: "asc" } } },
    }),
    estateNow(),
  ]);
  const lessons = LESSONS.map(({ id, title, summary, scenario }) => ({ id, title, summary, scenario }));
  const current = runs[0]?.endedAt === null ? runs[0] : undefined;
  const earlier = runs.filter((r) => r !== current);
  const lesson = current ? lessonNamed(current.lesson) : undefined;
  const history = earlier.map((r) => ({
    id: r.id,
    lesson: r.lesson,
    startedAt: r.startedAt.toISOString(),
    ...score(lessonNamed(r.lesson)?.questions ?? [], r.answers),
  }));
  if (!current || !lesson) {
    return {
      lessons,
      run: null,
      steps: [],
      progress: { done: 0, total: 0 },
      questions: [],
      score: null,
      history,
      estate,
    };
  }
  const steps = lesson.steps(await labFacts());
  const questions = lesson.questions.flatMap((id) => {
    const q = questionNamed(id);
    if (!q) return [];
    const a = current.answers.find((x) => x.question === id);
    return [
      {
        id: q.id,
        text: q.text,
        choices: q.choices,
        answered: a ? { choice: a.choice, correct: a.correct, answer: q.answer, reason: q.reason } : null,
      },
    ];
  });
  return {
    lessons,
    run: {
      id: current.id,
      lesson: lesson.id,
      title: lesson.title,
      startedAt: current.startedAt.toISOString(),
    },
    steps,
    progress: { done: steps.filter((s) => s.check.done).length, total: steps.length },
    questions,
    score: score(lesson.questions, current.answers),
    history,
    estate,
  };
}

/**
 * POST /api/lab/guide: starts a lesson (or starts it over). The estate is replaced with the
 * lesson's scenario through the same reset the control API uses: moves in flight end first, their
 * VMs on their source; the new run is written in the same transaction as the estate.
 */
export async function startLesson(input: StartLessonInput): Promise<Guide> {
  const lesson = lessonNamed(input.lesson);
  if (!lesson) {
    throw new ValidationError("There is no such lesson.", [
      { path: "lesson", message: "Choose one of the lessons." },
    ]);
  }
  await resetLab(lesson.scenario, "running", () => [
    db.labRun.create({ data: { lesson: lesson.id, startedAt: labNow() } }),
  ]);
  return getGuide();
}

/** POST /api/lab/guide/answers: the first answer to a question counts; later ones change nothing. */
export async function answerQuestion(input: LabAnswerInput) {
  await writeTransaction(async (tx) => {
    const run = await tx.labRun.findFirst({
      where: { endedAt: null },
      orderBy: { id: "desc" },
      select: { id: true, lesson: true },
    });
    if (!run) throw new PreconditionError("No lesson is running: start one first.");
    const lesson = lessonNamed(run.lesson);
    const question = questionNamed(input.question);
    if (!question || !lesson?.questions.includes(question.id)) {
      throw new ValidationError("The request has invalid fields.", [
        { path: "question", message: "This lesson has no such question." },
      ]);
    }
    if (!question.choices.some((c) => c.id === input.choice)) {
      throw new ValidationError("The request has invalid fields.", [
        { path: "choice", message: "That is not one of the question's choices." },
      ]);
    }
    const already = await tx.labAnswer.findUnique({
      where: { runId_question: { runId: run.id, question: question.id } },
      select: { id: true },
    });
    if (!already) {
      await tx.labAnswer.create({
        data: {
          runId: run.id,
          question: question.id,
          choice: input.choice,
          correct: input.choice === question.answer,
          answeredAt: labNow(),
        },
      });
    }
  });
  return getGuide();
}

/** The adapters the demo's nodes have for live migration: 25 GbE with RDMA. */
const RDMA_NIC = { speedMbps: 25_000, rdma: true, description: "Mellanox ConnectX-5 Ex Adapter" };

/**
 * POST /api/lab/guide/actions: the lab's own change to the estate, for what no form makes (new
 * hardware). "rdma-adapters": the cluster nodes' live-migration adapters become 25 GbE RDMA. The
 * performance option stays as it is: the lesson has it chosen in each node's Settings tool.
 * Refused outside its lesson and while a move runs on the nodes.
 */
export async function labAction(input: LabActionInput): Promise<Guide> {
  await writeTransaction(async (tx) => {
    const run = await tx.labRun.findFirst({
      where: { endedAt: null },
      orderBy: { id: "desc" },
      select: { lesson: true },
    });
    if (input.action === "rdma-adapters" && run?.lesson !== "non-convergence") {
      throw new PreconditionError(
        "This change belongs to the lesson on non-convergence: start that lesson first.",
      );
    }
    const vm = await tx.vm.findUnique({
      where: { name: "ANALYTICS01" },
      select: { host: { select: { clusterId: true } } },
    });
    const nodes = await tx.host.findMany({
      where: { clusterId: vm?.host.clusterId ?? -1 },
      select: { id: true, name: true },
    });
    if (nodes.length === 0) throw new PreconditionError("ANALYTICS01's cluster is not in the inventory.");
    const moving = await tx.migration.findFirst({
      where: {
        status: { in: ["queued", "running"] },
        OR: [
          { sourceHostId: { in: nodes.map((n) => n.id) } },
          { destinationHostId: { in: nodes.map((n) => n.id) } },
        ],
      },
      select: { vmName: true },
    });
    if (moving) {
      throw new ConflictError(
        `'${moving.vmName}' is moving between the nodes: wait for the move to end first.`,
      );
    }
    const time = labNow();
    for (const node of nodes) {
      await tx.networkAdapter.updateMany({
        where: { hostId: node.id, purpose: "LiveMigration" },
        data: RDMA_NIC,
      });
      await tx.eventLogEntry.create({
        data: {
          channel: CHANNEL.lab,
          eventId: 0,
          level: "Information",
          hostId: node.id,
          message: `Lab change (new hardware): ${node.name}'s live-migration adapters are now 25 GbE with RDMA. With SMB as the performance option in its Settings, live migration uses them through SMB Direct.`,
          time,
        },
      });
    }
  });
  return getGuide();
}
