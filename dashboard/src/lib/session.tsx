"use client";

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { type Formatters, formatters } from "./format";
import { GraphqlError, gqlRequest } from "./gql";
import { fill, isLocale, type Locale, type MessageKey, messages } from "./i18n";
import { LiveConnection } from "./live";
import { type Role, roleFromApi } from "./roles";

// Who is signed in (API key -> role via `me`), the language, and the one live connection. The key and
// the language live in localStorage: a wall screen comes back signed in after a power cut.

const keyStorage = "starboard.apiKey";
const localeStorage = "starboard.locale";

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface Session {
  apiUrl: string;
  phase: "loading" | "signed-out" | "signed-in";
  key: string | undefined;
  role: Role | undefined;
  keyId: string | undefined;
  locale: Locale;
  t: Translate;
  fmt: Formatters;
  live: LiveConnection | undefined;
  signInError: string | undefined;
  signIn(key: string): Promise<void>;
  signOut(): void;
  setLocale(locale: Locale): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error("useSession outside <SessionProvider>");
  return session;
}

interface Who {
  key: string;
  role: Role;
  keyId: string;
}

async function whoIs(apiUrl: string, key: string): Promise<Who> {
  const data = await gqlRequest<{ me: { role: string; keyId: string } }>(
    apiUrl,
    key,
    "{ me { role keyId } }",
  );
  const role = roleFromApi(data.me.role);
  if (role === undefined) throw new GraphqlError(`unknown role ${data.me.role}`, "FORBIDDEN");
  return { key, role, keyId: data.me.keyId };
}

export function SessionProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>("en");
  const [who, setWho] = useState<Who | undefined>(undefined);
  const [phase, setPhase] = useState<Session["phase"]>("loading");
  const [signInError, setSignInError] = useState<string | undefined>(undefined);
  const [live, setLive] = useState<LiveConnection | undefined>(undefined);

  const signIn = useCallback(
    async (key: string) => {
      setSignInError(undefined);
      try {
        const found = await whoIs(apiUrl, key.trim());
        localStorage.setItem(keyStorage, found.key);
        setWho(found);
        setPhase("signed-in");
      } catch (err) {
        setSignInError(err instanceof Error ? err.message : String(err));
        setPhase("signed-out");
      }
    },
    [apiUrl],
  );

  useEffect(() => {
    const stored = localStorage.getItem(localeStorage);
    if (isLocale(stored)) setLocaleState(stored);
    const key = localStorage.getItem(keyStorage);
    if (key === null) setPhase("signed-out");
    else void signIn(key);
  }, [signIn]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // One live connection per key; replaced when the key changes, closed on sign-out.
  useEffect(() => {
    if (who === undefined) return;
    const connection = new LiveConnection(apiUrl, who.key);
    setLive(connection);
    return () => {
      connection.dispose();
      setLive(undefined);
    };
  }, [apiUrl, who]);

  const session = useMemo<Session>(() => {
    const table = messages[locale];
    const t: Translate = (key, values) => (values === undefined ? table[key] : fill(table[key], values));
    return {
      apiUrl,
      phase,
      key: who?.key,
      role: who?.role,
      keyId: who?.keyId,
      locale,
      t,
      fmt: formatters(locale),
      live,
      signInError,
      signIn,
      signOut: () => {
        localStorage.removeItem(keyStorage);
        setWho(undefined);
        setPhase("signed-out");
      },
      setLocale: (next) => {
        localStorage.setItem(localeStorage, next);
        setLocaleState(next);
      },
    };
  }, [apiUrl, phase, who, locale, live, signInError, signIn]);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
