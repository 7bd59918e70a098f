"use client";

import { useEffect, useState } from "react";
import { useMutation, useQuery } from "../../lib/hooks";
import { useSession } from "../../lib/session";
import { Status } from "../Status";
import { type TermLine, taxonomyToText, textToTaxonomy } from "./taxonomy-text";

interface Taxonomy {
  categories: TermLine[];
  keywords: TermLine[];
  savedBy: string | null;
  savedAt: string | null;
}

const query = "{ demandTaxonomy { categories { term phrases } keywords { term phrases } savedBy savedAt } }";
const mutation = `mutation($c: [DemandTermInput!]!, $k: [DemandTermInput!]!) { saveDemandTaxonomy(categories: $c, keywords: $k) {
  status problems { field message } } }`;

/** The demand taxonomy as text, editable by the roles that may save it (exclusions stay API-only). */
export function TaxonomyEditor() {
  const { t, fmt } = useSession();
  const result = useQuery<{ demandTaxonomy: Taxonomy }>(query, {});
  const send = useMutation();
  const [categories, setCategories] = useState("");
  const [keywords, setKeywords] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const current = result.data?.demandTaxonomy;
  useEffect(() => {
    if (current === undefined) return;
    setCategories(taxonomyToText(current.categories));
    setKeywords(taxonomyToText(current.keywords));
  }, [current]);
  const save = async () => {
    const c = textToTaxonomy(categories);
    const k = textToTaxonomy(keywords);
    if (!c.ok || !k.ok) {
      setMessage({
        ok: false,
        text: `${t("categories")}: ${c.ok ? "ok" : c.error}; ${t("keywords")}: ${k.ok ? "ok" : k.error}`,
      });
      return;
    }
    try {
      const r = await send<{
        saveDemandTaxonomy: { status: string; problems: { field: string; message: string }[] };
      }>(mutation, { c: c.terms, k: k.terms });
      const { status, problems } = r.saveDemandTaxonomy;
      setMessage(
        status === "SUCCEEDED"
          ? { ok: true, text: t("taxonomySaved") }
          : { ok: false, text: problems.map((p) => `${p.field}: ${p.message}`).join("; ") },
      );
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <section className="card" data-testid="taxonomy">
      <h2>{t("taxonomy")}</h2>
      <Status loading={result.loading} error={result.error} />
      {current !== undefined && (
        <p className="muted">
          {current.savedAt === null
            ? t("taxonomyBuiltIn")
            : `${current.savedBy ?? ""} · ${fmt.dateTime(current.savedAt)}`}
        </p>
      )}
      <p className="muted">{t("taxonomyHelp")}</p>
      <div className="grid2">
        <label>
          {t("categories")}
          <textarea
            name="categories"
            rows={8}
            value={categories}
            onChange={(e) => setCategories(e.target.value)}
          />
        </label>
        <label>
          {t("keywords")}
          <textarea name="keywords" rows={8} value={keywords} onChange={(e) => setKeywords(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()}>
          {t("save")}
        </button>
        {message !== undefined && (
          <span data-testid="taxonomy-result" className={message.ok ? undefined : "error"}>
            {message.text}
          </span>
        )}
      </div>
    </section>
  );
}
