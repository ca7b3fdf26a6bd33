// One catalogue for every UI string, so the admin can be translated. `t("dashboard.welcome", { shop })`.
import { createContext, useContext } from "react";
import { en } from "./en";

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalogue = Widen<typeof en>;

type Paths<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K}`
    : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<typeof en>;

const catalogues: Record<string, Catalogue> = { en };

export function supportedLocale(locale: string | null | undefined): string {
  const language = (locale ?? "en").split("-")[0] ?? "en";
  return language in catalogues ? language : "en";
}

export function translate(
  locale: string,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  let node: unknown = catalogues[supportedLocale(locale)];
  for (const part of key.split("."))
    node = (node as Record<string, unknown>)[part];
  const message = typeof node === "string" ? node : key;
  return message.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}

export const LocaleContext = createContext("en");

export function useT() {
  const locale = useContext(LocaleContext);
  return (key: MessageKey, vars?: Record<string, string | number>) =>
    translate(locale, key, vars);
}
