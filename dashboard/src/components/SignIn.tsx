"use client";

import { useState } from "react";
import { locales } from "../lib/i18n";
import { useSession } from "../lib/session";

export function SignIn() {
  const session = useSession();
  const { t } = session;
  const [key, setKey] = useState("");
  return (
    <form
      className="signin card"
      onSubmit={(e) => {
        e.preventDefault();
        void session.signIn(key);
      }}
    >
      <h1>{t("appName")}</h1>
      <label>
        {t("apiKey")}
        <input
          type="password"
          name="apiKey"
          autoComplete="off"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
        />
      </label>
      <p className="muted">{t("apiKeyHint")}</p>
      {session.signInError !== undefined && <p className="error">{session.signInError}</p>}
      <div className="row">
        <button type="submit">{t("signIn")}</button>
        <select
          aria-label={t("language")}
          value={session.locale}
          onChange={(e) => session.setLocale(e.target.value as (typeof locales)[number])}
        >
          {locales.map((l) => (
            <option key={l} value={l}>
              {l === "en" ? "English" : "简体中文"}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
