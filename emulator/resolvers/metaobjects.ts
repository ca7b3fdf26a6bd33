// Metaobject entries for swatches and metafield-linked options: metaobjectCreate / metaobjectUpdate /
// metaobjectUpsert and the reads. Field values are validated against the field types the emulator knows; the
// taxonomy reference types are stored unchecked. A changed display name renames the option values linked to it.
import { connection, type ConnectionArgs } from "../connection";
import {
  definitionByType,
  displayName,
  type MetaobjectDefinitionRecord,
  type MetaobjectRecord,
} from "../metaobjects";
import { refreshLinkedValues } from "../options";
import { gid, parseGid, slugify } from "../state";
import { isKnownType, validateValue } from "../values";
import { expandType } from "./metaobject-definitions";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
  type UserErrorShape,
} from "./context";
import { findNode } from "../nodes";

/** Checks field inputs against the definition; returns the errors (field path under `prefix`). */
function checkFields(
  ctx: ResolverContext,
  definition: MetaobjectDefinitionRecord,
  fields: { key: string; value: string }[],
  prefix: string[],
): UserErrorShape[] {
  const errors: UserErrorShape[] = [];
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const at = [...prefix, "fields", String(index)];
    const fieldDefinition = definition.fieldDefinitions.find(
      (f) => f.key === field.key,
    );
    if (seen.has(field.key))
      errors.push(
        userError(
          [...at, "key"],
          `Duplicate field ${field.key}.`,
          "DUPLICATE_FIELD_INPUT",
        ),
      );
    seen.add(field.key);
    if (!fieldDefinition)
      return errors.push(
        userError(
          [...at, "key"],
          `No field definition found for ${field.key}.`,
          "UNDEFINED_OBJECT_FIELD",
        ),
      );
    if (!isKnownType(fieldDefinition.type)) return undefined;
    const invalid = validateValue(
      fieldDefinition.type,
      field.value,
      (id, type) =>
        parseGid(id)?.type === type ? findNode(ctx.shop, id) !== null : false,
    );
    return invalid
      ? errors.push(userError([...at, "value"], invalid, "INVALID_VALUE"))
      : undefined;
  });
  return errors;
}

function uniqueHandle(
  ctx: ResolverContext,
  type: string,
  wanted: string,
): string {
  const taken = new Set(
    [...ctx.shop.metaobjects.values()]
      .filter((m) => m.type === type)
      .map((m) => m.handle),
  );
  const base = slugify(wanted) || "entry";
  let handle = base;
  for (let n = 1; taken.has(handle); n++) handle = `${base}-${n}`;
  return handle;
}

function write(
  ctx: ResolverContext,
  existing: MetaobjectRecord | null,
  type: string,
  input: {
    handle?: string | null;
    fields?: { key: string; value: string }[] | null;
  },
  prefix: string[],
) {
  const fail = (errors: UserErrorShape[]) => ({
    metaobject: null,
    userErrors: errors,
  });
  const definition = definitionByType(ctx.shop, type);
  if (!definition)
    return fail([
      userError(
        [...prefix, "type"],
        `No metaobject definition exists for type "${type}".`,
        "UNDEFINED_OBJECT_TYPE",
      ),
    ]);
  const fields = input.fields ?? [];
  const errors = checkFields(ctx, definition, fields, prefix);
  const merged = {
    ...(existing?.fields ?? {}),
    ...Object.fromEntries(fields.map((f) => [f.key, f.value])),
  };
  for (const required of definition.fieldDefinitions.filter((f) => f.required))
    if (!merged[required.key])
      errors.push(
        userError(
          [...prefix, "fields"],
          `${required.name} can't be blank.`,
          "OBJECT_FIELD_REQUIRED",
        ),
      );
  if (errors.length) return fail(errors);
  const record: MetaobjectRecord = existing ?? {
    id: gid("Metaobject", ctx.emulator.ids.take()),
    type,
    handle: "",
    fields: {},
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  record.fields = merged;
  record.updatedAt = ctx.now;
  if (input.handle)
    record.handle =
      existing?.handle === input.handle
        ? input.handle
        : uniqueHandle(ctx, type, input.handle);
  else if (!record.handle)
    record.handle = uniqueHandle(ctx, type, displayName(ctx.shop, record));
  ctx.shop.metaobjects.set(record.id, record);
  const touched = refreshLinkedValues(
    ctx.shop,
    record.id,
    displayName(ctx.shop, record),
    ctx.now,
  );
  ctx.emulator.productsChanged(ctx.domain, touched, ctx.now);
  return { metaobject: record, userErrors: [] };
}

const fieldView = (m: MetaobjectRecord, key: string, ctx: ResolverContext) => {
  const definition = definitionByType(ctx.shop, m.type)?.fieldDefinitions.find(
    (f) => f.key === key,
  );
  return {
    metaobject: m,
    key,
    type: definition?.type ?? "single_line_text_field",
    value: m.fields[key] ?? null,
  };
};

export const metaobjectResolvers: ResolverMap = {
  QueryRoot: {
    metaobject: (_root, args, ctx) =>
      ctx.shop.metaobjects.get(args.id as string) ?? null,
    metaobjectByHandle: (_root, args, ctx) => {
      const handle = args.handle as { type: string; handle: string };
      const type = expandType(handle.type, ctx.emulator.appId);
      return (
        [...ctx.shop.metaobjects.values()].find(
          (m) => m.type === type && m.handle === handle.handle,
        ) ?? null
      );
    },
    metaobjects: (_root, args, ctx) => {
      const type = expandType(args.type as string, ctx.emulator.appId);
      const list = [...ctx.shop.metaobjects.values()].filter(
        (m) => m.type === type,
      );
      return connection(list, args as ConnectionArgs, ctx.bulk);
    },
  },
  Mutation: {
    metaobjectCreate: (_root, args, ctx) => {
      const input = args.metaobject as {
        type: string;
        handle?: string;
        fields?: { key: string; value: string }[];
      };
      return write(
        ctx,
        null,
        expandType(input.type, ctx.emulator.appId),
        input,
        ["metaobject"],
      );
    },
    metaobjectUpdate: (_root, args, ctx) => {
      const existing = ctx.shop.metaobjects.get(args.id as string);
      if (!existing)
        return {
          metaobject: null,
          userErrors: [
            userError(["id"], "Record not found", "RECORD_NOT_FOUND"),
          ],
        };
      return write(ctx, existing, existing.type, args.metaobject as Args, [
        "metaobject",
      ]);
    },
    metaobjectUpsert: (_root, args, ctx) => {
      const handle = args.handle as { type: string; handle: string };
      const type = expandType(handle.type, ctx.emulator.appId);
      const existing =
        [...ctx.shop.metaobjects.values()].find(
          (m) => m.type === type && m.handle === handle.handle,
        ) ?? null;
      const input = (args.metaobject as Args | undefined) ?? {};
      return write(
        ctx,
        existing,
        type,
        { ...input, handle: input.handle ?? handle.handle },
        ["metaobject"],
      );
    },
  },
  Metaobject: {
    displayName: (m: MetaobjectRecord, _args, ctx) => displayName(ctx.shop, m),
    definition: (m: MetaobjectRecord, _args, ctx) =>
      definitionByType(ctx.shop, m.type),
    fields: (m: MetaobjectRecord, _args, ctx) =>
      (definitionByType(ctx.shop, m.type)?.fieldDefinitions ?? []).map((f) =>
        fieldView(m, f.key, ctx),
      ),
    field: (m: MetaobjectRecord, args, ctx) =>
      args.key in m.fields ? fieldView(m, args.key as string, ctx) : null,
  },
  MetaobjectField: {
    jsonValue: (f: { value: string | null; type: string }) => {
      if (f.value === null) return null;
      try {
        return f.type.startsWith("list.")
          ? (JSON.parse(f.value) as unknown)
          : f.value;
      } catch {
        return f.value;
      }
    },
    reference: (f: { value: string | null; type: string }, _args, ctx) =>
      f.value && f.type.endsWith("_reference") && !f.type.startsWith("list.")
        ? (findNode(ctx.shop, f.value)?.record ?? null)
        : null,
  },
};
