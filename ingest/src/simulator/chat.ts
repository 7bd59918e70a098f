import { decodeEventRecord, type EventLog, type Subscription, Topics } from "@starboard/core";
import { desktopEvent } from "./desktop";
import { botLines, topics } from "./phrases";
import type { ContactPlan } from "./plan";
import { conversation } from "./script";
import { iso, playTicket, survey, type World } from "./world";

// Chats as the chat platform would send them: every fact is a signed webhook to the chat gateway,
// one conversation's posts in order. The platform also consumes command.assign-chat (its own
// consumer group) and plays the assigned agent's side of the conversation.

interface WaitingChat {
  plan: ContactPlan;
  queuedAt: number;
  /** Posts a chat payload after everything before it in this conversation. */
  post: (body: object, conversationId?: string, wire?: "web" | "app" | "video") => void;
  /** Runs a step (a direct publish) in the conversation's order. */
  then: (step: () => Promise<void>) => void;
}

export class ChatPlatform {
  private readonly waiting = new Map<string, WaitingChat>();
  private subscription: Subscription | undefined;
  private n = 0;
  assigned = 0;

  constructor(private readonly world: World) {}

  async listen(log: EventLog): Promise<void> {
    this.subscription = await log.subscribe({
      groupId: "simulator-chat",
      topics: [Topics.commands],
      startAt: "latest",
      handler: async (batch) => {
        for (const record of batch.records) {
          // Not kept in the shared decode cache: nothing else in the load generator's thread reads
          // the commands, and kept decodes held ~15 MB there for nothing.
          const decoded = decodeEventRecord(record, false);
          if (!decoded.ok || decoded.event.type !== "command.assign-chat") continue;
          const { contactId, agentId } = decoded.event;
          const chat = this.waiting.get(contactId);
          if (chat === undefined) continue; // abandoned meanwhile, or another run's
          this.waiting.delete(contactId);
          this.assigned += 1;
          this.world.clock.after(0, () => this.agentJoins(contactId, chat, agentId));
        }
      },
    });
  }

  async close(): Promise<void> {
    await this.subscription?.stop();
  }

  get waitingChats(): number {
    return this.waiting.size;
  }

  start(plan: ContactPlan): void {
    const { world } = this;
    world.counts.chats += 1;
    const id = `chat-${world.runId}-${++this.n}`;
    const wire = plan.channel === "appchat" ? "app" : "web";
    let chain = Promise.resolve();
    const then = (step: () => Promise<void>) => {
      chain = chain.then(step);
    };
    const post = (body: object, conversationId = id, channel: "web" | "app" | "video" = wire) => {
      const at = iso(world.clock.now());
      then(() => world.chat({ conversationId, channel, at, ...body }));
    };
    const chat: WaitingChat = { plan, queuedAt: 0, post, then };
    const lang = plan.language;
    const topic = topics[plan.topic];
    post({
      type: "conversation.started",
      visitorId: `visitor-${plan.customer.id}`,
      customerId: plan.customer.id,
      widgetId: wire === "app" ? "app-main" : "web-main",
      language: lang,
      page:
        wire === "app"
          ? { appScreen: "orders" }
          : { url: `https://shop.example.com/help/${plan.topic}`, title: topic.category[lang] },
    });
    const opening = world.rng.pick(topic.opening[lang]);
    world.clock.after(3, () => post({ type: "message.customer", messageId: `${id}-c0`, text: opening }));
    const bot = plan.bot;
    if (bot === undefined) {
      world.clock.after(5, () => this.queue(id, chat));
      return;
    }
    world.clock.after(4, () =>
      post({ type: "message.bot", messageId: `${id}-b0`, botId: "starbot", text: botLines[lang].greet }),
    );
    world.clock.after(bot.seconds, () => {
      if (bot.resolves) {
        post({ type: "message.bot", messageId: `${id}-b1`, botId: "starbot", text: botLines[lang].resolved });
        post({
          type: "conversation.closed",
          closedBy: "bot",
          outcome: "self-service",
          resolved: true,
          waitSeconds: 0,
          handleSeconds: bot.seconds,
          categories: [plan.topic],
        });
        const answer = survey(world, plan, "self-service", 0);
        if (answer !== undefined) post({ type: "csat.answered", surveyId: `chat-${id}`, ...answer });
        return;
      }
      post({ type: "message.bot", messageId: `${id}-b1`, botId: "starbot", text: botLines[lang].handoff });
      post({
        type: "bot.handoff",
        botId: "starbot",
        reason: bot.reason,
        intent: topic.intent,
        toQueue: plan.queueId,
        botSeconds: bot.seconds,
        transcript: [
          { role: "bot", text: botLines[lang].greet },
          { role: "customer", text: opening },
          { role: "bot", text: botLines[lang].handoff },
        ],
      });
      this.queue(id, chat);
    });
  }

  /**
   * The chat gateway has no payload that queues a conversation, so contact.queued is published
   * directly (source "simulator"), after the conversation's earlier posts are on the log.
   */
  private queue(id: string, chat: WaitingChat): void {
    const { world } = this;
    const { plan } = chat;
    const queue = world.profile.queues.find((q) => q.id === plan.queueId);
    chat.queuedAt = world.clock.now();
    const queued = {
      ...desktopEvent(world, {
        type: "contact.queued",
        channel: plan.channel === "appchat" ? "appchat" : "webchat",
        contactId: id,
        data: {
          queueId: plan.queueId,
          requiredSkills: queue === undefined ? [] : [{ skill: queue.skill, minLevel: queue.minLevel }],
          priority: (queue?.basePriority ?? 0) + (plan.tier === "vip" ? 100 : 0),
          ...(plan.tier === undefined ? {} : { customerTier: plan.tier }),
          entry: "new",
          position: this.waiting.size + 1,
        },
      }),
      source: "simulator",
    };
    chat.then(() => world.outbox.add(queued));
    this.waiting.set(id, chat);
    world.clock.after(plan.patienceSeconds, () => {
      if (this.waiting.get(id) !== chat) return;
      this.waiting.delete(id);
      chat.post({
        type: "conversation.closed",
        closedBy: "customer",
        queue: plan.queueId,
        outcome: "abandoned",
        resolved: false,
        waitSeconds: plan.patienceSeconds,
        handleSeconds: 0,
        categories: [plan.topic],
      });
    });
  }

  /** The assigned agent accepts on the desktop, converses, maybe escalates to video, and closes. */
  private agentJoins(id: string, chat: WaitingChat, agentId: string): void {
    const { world } = this;
    const { plan, post } = chat;
    const waitSeconds = Math.round((world.clock.now() - chat.queuedAt) / 1000);
    const channel = plan.channel === "appchat" ? "appchat" : "webchat";
    const connected = desktopEvent(world, {
      type: "contact.connected",
      channel,
      contactId: id,
      agentId,
      data: { queueId: plan.queueId, waitSeconds, ringMs: 0 },
    });
    chat.then(() => world.outbox.add(connected));
    conversation(world.rng, plan).forEach((line, i) => {
      world.clock.after(line.offsetSeconds, () =>
        post(
          line.speaker === "agent"
            ? { type: "message.agent", messageId: `${id}-m${i}`, agentId, text: line.text }
            : { type: "message.customer", messageId: `${id}-m${i}`, text: line.text },
        ),
      );
    });
    const video = `${id}-video`;
    if (plan.channel === "video") {
      world.clock.after(plan.talkSeconds * 0.4, () => {
        post({
          type: "conversation.escalated",
          to: "video",
          newConversationId: video,
          requestedBy: "agent",
          reason: "needs to see the product",
        });
        post(
          {
            type: "conversation.started",
            visitorId: `visitor-${plan.customer.id}`,
            customerId: plan.customer.id,
            widgetId: "video-main",
            language: plan.language,
          },
          video,
          "video",
        );
      });
    }
    world.clock.after(plan.talkSeconds, () => {
      const closed = {
        closedBy: plan.agentHangsUp ? "agent" : "customer",
        agentId,
        queue: plan.queueId,
        outcome: "handled",
        resolved: plan.resolved,
        waitSeconds,
        categories: [plan.topic],
      };
      if (plan.channel === "video")
        post(
          {
            type: "conversation.closed",
            ...closed,
            waitSeconds: 0,
            handleSeconds: Math.round(plan.talkSeconds * 0.6),
          },
          video,
          "video",
        );
      post({ type: "conversation.closed", ...closed, handleSeconds: plan.talkSeconds });
      const answer = survey(world, plan, "handled", waitSeconds);
      if (answer !== undefined)
        world.clock.after(world.rng.int(10, 60), () =>
          post({ type: "csat.answered", surveyId: `chat-${id}`, agentId, ...answer }),
        );
      if (plan.opensTicket) playTicket(world, plan, agentId, id);
    });
  }
}
