// Regular expressions a merchant writes (attribute validation patterns, the storefront's filename pattern) run
// on RE2 (the re2js port), whose matching time is linear in the input: a pattern such as `(a|aa)+` or `(a+)+$`
// cannot backtrack for seconds on a crafted value or file name as it would on JavaScript's engine. RE2 has no
// back-references or look-around; a pattern that needs them is refused when it is saved, with the reason.
import { RE2JS } from "re2js";

export const MAX_PATTERN_LENGTH = 500;

export type MerchantPattern = RE2JS;

const cache = new Map<string, RE2JS>();
const CACHE_SIZE = 200;

/** Why a pattern cannot be used (a sentence for the form), or null when it can. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `Use at most ${MAX_PATTERN_LENGTH} characters.`;
  try {
    compileMerchantPattern(pattern);
    return null;
  } catch (error) {
    const reason = (error as Error).message.replace(
      /^error parsing regexp: /,
      "",
    );
    return `Not a pattern Vitrine can run safely (${reason}). Back-references and look-around are not supported.`;
  }
}

/** Compiles (and caches) a pattern. Throws the engine's syntax error for a pattern RE2 cannot run. */
export function compileMerchantPattern(pattern: string): MerchantPattern {
  let compiled = cache.get(pattern);
  if (compiled) return compiled;
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new Error(`pattern longer than ${MAX_PATTERN_LENGTH} characters`);
  compiled = RE2JS.compile(pattern);
  if (cache.size >= CACHE_SIZE)
    cache.delete(cache.keys().next().value as string);
  cache.set(pattern, compiled);
  return compiled;
}

/** Whether the whole text matches the pattern; a pattern that cannot be compiled matches nothing. */
export function matchesWhole(pattern: string, text: string): boolean {
  try {
    return compileMerchantPattern(pattern).matches(text);
  } catch {
    return false;
  }
}

/** The named groups of the first match in `text`, or null (also for a pattern that cannot be compiled). */
export function namedGroupsOf(
  pattern: string,
  text: string,
): Record<string, string> | null {
  let compiled: RE2JS;
  try {
    compiled = compileMerchantPattern(pattern);
  } catch {
    return null;
  }
  const matcher = compiled.matcher(text);
  if (!matcher.find()) return null;
  const groups: Record<string, string> = {};
  for (const name of Object.keys(compiled.namedGroups())) {
    const value = matcher.group(name);
    if (value !== null) groups[name] = value;
  }
  return groups;
}
