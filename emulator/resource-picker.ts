// The App Bridge resource picker, modelled for browser runs: `shopify.resourcePicker({ type, multiple, query })`
// opens a dialog over the app listing the shop's products (searchable by title, handle or SKU), each with its
// variants; it resolves with the picked products in App Bridge's shape (`id` as a GID, `title`, `handle`,
// `variants` — only the variants picked when the merchant picked some, all of them when the product was picked)
// or `undefined` when cancelled. The list comes from GET /__emulator/resource-picker?shop=&query=.
import type { ShopifyEmulator } from "./emulator";
import { jsonResponse } from "./respond";

const PAGE = 25;

export function answerResourcePicker(
  emulator: ShopifyEmulator,
  request: Request,
): Response {
  const url = new URL(request.url);
  const shop = url.searchParams.get("shop") ?? "";
  const query = (url.searchParams.get("query") ?? "").trim().toLowerCase();
  const cors = {
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": "no-store",
  };
  if (!emulator.hasShop(shop))
    return jsonResponse(
      { error: "unknown shop" },
      { status: 404, headers: cors },
    );
  const state = emulator.shop(shop);
  const items = [];
  for (const product of state.products.values()) {
    const variants = product.variantIds
      .map((id) => state.variants.get(id))
      .filter((v) => v !== undefined);
    const matches =
      !query ||
      product.title.toLowerCase().includes(query) ||
      product.handle.toLowerCase().includes(query) ||
      variants.some((v) => v.sku?.toLowerCase().includes(query));
    if (!matches) continue;
    items.push({
      id: product.id,
      title: product.title,
      handle: product.handle,
      status: product.status,
      totalVariants: variants.length,
      hasOnlyDefaultVariant: variants.length === 1,
      variants: variants.map((v) => ({
        id: v.id,
        title: v.title,
        displayName: `${product.title} - ${v.title}`,
        sku: v.sku,
        position: v.position,
        selectedOptions: v.selectedOptions,
      })),
    });
    if (items.length >= PAGE) break;
  }
  return jsonResponse({ items }, { headers: cors });
}

/** The picker's browser side, appended to the App Bridge stand-in (`pickerEndpoint` answers the list). */
export function resourcePickerSource(pickerEndpoint: string): string {
  return `
  async function resourcePicker(options = {}) {
    const type = options.type || "product";
    const multiple = options.multiple === true || (typeof options.multiple === "number" && options.multiple > 1);
    return new Promise((resolve) => {
      const overlay = document.createElement("div");
      overlay.style.cssText = "position:fixed;inset:0;background:rgba(0,0,0,.45);z-index:10000;display:grid;place-items:center;font:14px system-ui";
      const dialog = document.createElement("div");
      dialog.setAttribute("role", "dialog");
      dialog.setAttribute("aria-modal", "true");
      dialog.setAttribute("aria-label", (options.action === "select" ? "Select " : "Add ") + type);
      dialog.setAttribute("data-app-bridge-resource-picker", type);
      dialog.style.cssText = "background:#fff;border-radius:12px;width:560px;max-height:80vh;display:grid;grid-template-rows:auto auto 1fr auto;overflow:hidden";
      const heading = document.createElement("h2");
      heading.textContent = (options.action === "select" ? "Select " : "Add ") + type + (multiple ? "s" : "");
      heading.style.cssText = "margin:0;padding:14px 16px;font-size:16px;border-bottom:1px solid #e3e3e3";
      const search = document.createElement("input");
      search.type = "search";
      search.setAttribute("aria-label", "Search " + type + "s");
      search.placeholder = "Search " + type + "s";
      search.value = options.query || "";
      search.style.cssText = "margin:12px 16px;padding:8px;border:1px solid #8a8a8a;border-radius:8px";
      const list = document.createElement("ul");
      list.style.cssText = "list-style:none;margin:0;padding:0 16px;overflow:auto";
      const footer = document.createElement("div");
      footer.style.cssText = "display:flex;justify-content:flex-end;gap:8px;padding:12px 16px;border-top:1px solid #e3e3e3";
      const cancel = document.createElement("button");
      cancel.type = "button";
      cancel.textContent = "Cancel";
      const confirm = document.createElement("button");
      confirm.type = "button";
      confirm.textContent = options.action === "select" ? "Select" : "Add";
      confirm.disabled = true;
      footer.append(cancel, confirm);
      dialog.append(heading, search, list, footer);
      overlay.append(dialog);
      document.body.append(overlay);
      search.focus();
      let items = [];
      const picked = new Map();
      // What was picked stays picked when the merchant searches again, as in the admin's picker.
      const pickedItems = new Map();
      const close = (value) => { overlay.remove(); resolve(value); };
      const refresh = () => { confirm.disabled = picked.size === 0; };
      const box = (label, checked, onChange) => {
        const row = document.createElement("label");
        row.style.cssText = "display:flex;gap:8px;align-items:center;padding:6px 0";
        const input = document.createElement("input");
        input.type = "checkbox";
        input.checked = checked;
        input.addEventListener("change", () => onChange(input.checked));
        row.append(input, document.createTextNode(label));
        return row;
      };
      const render = () => {
        list.replaceChildren();
        for (const item of items) {
          const li = document.createElement("li");
          li.style.cssText = "border-bottom:1px solid #f1f1f1";
          const chosen = picked.get(item.id);
          li.append(box(item.title, Boolean(chosen && chosen.size === item.variants.length), (on) => {
            if (!multiple) picked.clear();
            if (on) picked.set(item.id, new Set(item.variants.map((v) => v.id)));
            else picked.delete(item.id);
            pickedItems.set(item.id, item);
            render();
            refresh();
          }));
          if (type === "product" && !item.hasOnlyDefaultVariant && (!options.filter || options.filter.variants !== false)) {
            const variants = document.createElement("div");
            variants.style.cssText = "padding-left:24px";
            for (const variant of item.variants)
              variants.append(box(variant.title + (variant.sku ? " · " + variant.sku : ""), Boolean(chosen && chosen.has(variant.id)), (on) => {
                if (!multiple) for (const key of picked.keys()) if (key !== item.id) picked.delete(key);
                const set = picked.get(item.id) || new Set();
                if (on) set.add(variant.id); else set.delete(variant.id);
                if (set.size) picked.set(item.id, set); else picked.delete(item.id);
                pickedItems.set(item.id, item);
                render();
                refresh();
              }));
            li.append(variants);
          }
          list.append(li);
        }
      };
      let timer = null;
      const load = async () => {
        const response = await fetch(${JSON.stringify(pickerEndpoint)} + "?shop=" + encodeURIComponent(shop) + "&type=" + type + "&query=" + encodeURIComponent(search.value));
        items = (await response.json()).items || [];
        render();
      };
      search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, 150); });
      cancel.addEventListener("click", () => close(undefined));
      overlay.addEventListener("keydown", (event) => { if (event.key === "Escape") close(undefined); });
      confirm.addEventListener("click", () => {
        const selection = [...pickedItems.values()].filter((item) => picked.has(item.id)).map((item) => {
          const ids = picked.get(item.id);
          return { ...item, variants: item.variants.filter((v) => ids.has(v.id)) };
        });
        close(type === "variant" ? selection.flatMap((item) => item.variants.map((v) => ({ ...v, product: { id: item.id, title: item.title, handle: item.handle } }))) : selection);
      });
      void load();
    });
  }`;
}
