"use client";

import { useSession } from "../lib/session";

/** Loading / error / empty line for a query's panel. */
export function Status({
  loading,
  error,
  empty,
}: {
  loading: boolean;
  error: string | undefined;
  empty?: boolean;
}) {
  const { t } = useSession();
  if (error !== undefined)
    return (
      <p className="error" role="alert">
        {t("error")}: {error}
      </p>
    );
  if (loading) return <p className="muted">{t("loading")}</p>;
  if (empty === true) return <p className="muted">{t("noData")}</p>;
  return null;
}
