"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { type ReactNode, useEffect } from "react";
import { codeText } from "../lib/code-text";
import type { MessageKey } from "../lib/i18n";
import { locales } from "../lib/i18n";
import { can, type EntryPoint, type Role } from "../lib/roles";
import { useSession } from "../lib/session";
import { ConnectionBadge } from "./ConnectionBadge";
import { SignIn } from "./SignIn";

export const pages: { href: string; label: MessageKey; entry: EntryPoint | EntryPoint[] }[] = [
  { href: "/", label: "navWallboard", entry: "Subscription.queueStats" },
  { href: "/reports", label: "navReports", entry: "Query.channelReport" },
  { href: "/service-level", label: "navServiceLevel", entry: "Query.serviceLevel" },
  { href: "/agents", label: "navAgents", entry: "Query.agentPerformance" },
  { href: "/qa", label: "navQa", entry: "Query.liveContacts" },
  { href: "/qa-scorecards", label: "navQaScorecards", entry: "Query.qaScorecards" },
  { href: "/tickets", label: "navTickets", entry: ["Query.ticketSla", "Query.ticket"] },
  { href: "/demand", label: "navDemand", entry: "Query.demand" },
  { href: "/bot", label: "navBot", entry: "Query.botAnalytics" },
  { href: "/customers", label: "navCustomers", entry: "Query.customer" },
];

export function Shell({ children }: { children: ReactNode }) {
  const session = useSession();
  const { t, role } = session;
  const path = usePathname();
  const tv = useSearchParams().get("tv") === "1";
  useEffect(() => {
    document.documentElement.classList.toggle("tv-root", tv);
  }, [tv]);
  if (session.phase === "loading") return <p className="center muted">{t("loading")}</p>;
  if (session.phase === "signed-out") return <SignIn />;
  if (tv) return <div className="tv">{children}</div>;
  return (
    <div className="app">
      <header className="top">
        <strong className="brand">{t("appName")}</strong>
        <nav>
          {pages
            .filter((p) => canAny(role, p.entry))
            .map((p) => (
              <Link key={p.href} href={p.href} className={path === p.href ? "active" : undefined}>
                {t(p.label)}
              </Link>
            ))}
        </nav>
        <div className="top-right">
          <ConnectionBadge />
          <select
            aria-label={t("language")}
            data-testid="language"
            value={session.locale}
            onChange={(e) => session.setLocale(e.target.value as (typeof locales)[number])}
          >
            {locales.map((l) => (
              <option key={l} value={l}>
                {l === "en" ? "English" : "简体中文"}
              </option>
            ))}
          </select>
          <Link href="/?tv=1" className="button subtle">
            {t("tvMode")}
          </Link>
          <span className="muted" data-testid="role">
            {/* The role's name, and the id an administrator gives API keys. */}
            {t("signedInAs")}: {role === undefined ? t("none") : codeText(t, "role", role.toUpperCase())}{" "}
            <span className="muted">({role ?? "?"})</span>
          </span>
          <button type="button" className="subtle" onClick={session.signOut}>
            {t("signOut")}
          </button>
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}

function canAny(role: Role | undefined, entry: EntryPoint | EntryPoint[]): boolean {
  return (Array.isArray(entry) ? entry : [entry]).some((e) => can(role, e));
}

/** Renders its children only for roles the API lets through `entry` (any of them); says why otherwise. */
export function Allowed({ entry, children }: { entry: EntryPoint | EntryPoint[]; children: ReactNode }) {
  const { role, t } = useSession();
  if (!canAny(role, entry))
    return (
      <p className="notice">
        {t("notAllowed", { role: role === undefined ? "?" : codeText(t, "role", role.toUpperCase()) })}
      </p>
    );
  return <>{children}</>;
}
