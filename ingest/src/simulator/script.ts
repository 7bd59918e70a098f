import { closings, customerReplies, followUps, greetings, topics } from "./phrases";
import type { ContactPlan } from "./plan";
import type { Rng } from "./rng";

export interface Line {
  speaker: "customer" | "agent";
  text: string;
  /** Seconds after the agent connected. */
  offsetSeconds: number;
  /** Set on the line a QA rule should flag. */
  qaCategory?: string;
}

const unresolved = {
  "zh-CN": "抱歉，这个问题需要转交相关部门处理，会有专人联系您",
  en: "Sorry, this needs another team; someone will contact you",
};

/** The agent conversation of a contact (chat messages or call transcript), spread over its talk time. */
export function conversation(rng: Rng, plan: ContactPlan): Line[] {
  const lang = plan.language;
  const topic = topics[plan.topic];
  const texts: Omit<Line, "offsetSeconds">[] = [
    { speaker: "agent", text: rng.pick(greetings[lang]) },
    { speaker: "customer", text: rng.pick(topic.opening[lang]) },
    { speaker: "agent", text: rng.pick(followUps[lang]) },
    { speaker: "customer", text: rng.pick(customerReplies[lang]) },
  ];
  if (plan.qaViolation !== undefined)
    texts.push({ speaker: "agent", text: plan.qaViolation.text, qaCategory: plan.qaViolation.category });
  texts.push({ speaker: "agent", text: plan.resolved ? rng.pick(topic.resolution[lang]) : unresolved[lang] });
  texts.push({ speaker: "customer", text: rng.pick(customerReplies[lang]) });
  texts.push({ speaker: "agent", text: rng.pick(closings[lang]) });
  const step = plan.talkSeconds / (texts.length + 1);
  return texts.map((t, i) => ({ ...t, offsetSeconds: Math.round(step * (i + 0.5) * 10) / 10 }));
}
