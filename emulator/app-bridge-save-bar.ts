// The App Bridge save bar in the emulator's App Bridge stand-in (app-bridge.ts): `<ui-save-bar>` with show(),
// hide() and toggle(), `shopify.saveBar.show(id)/hide(id)/toggle(id)/leaveConfirmation()`, rendered as the admin
// does, outside the page, as a bar whose buttons stand for the element's own <button> children (a click on the
// bar's button clicks the child, so the app's React handlers run). Tests find it by `[data-app-bridge-save-bar]`.

/** Browser source run inside the stand-in's IIFE, after `window.shopify` exists. */
export const SAVE_BAR_SOURCE = `
  const saveBars = new Map();
  class SaveBar extends HTMLElement {
    connectedCallback() {
      this.style.display = "none";
      if (this.id) saveBars.set(this.id, this);
      this._observer = new MutationObserver(() => { if (this._bar) this._render(); });
      this._observer.observe(this, { childList: true, subtree: true, attributes: true, characterData: true });
    }
    disconnectedCallback() {
      if (this.id) saveBars.delete(this.id);
      if (this._observer) this._observer.disconnect();
      this.hide();
    }
    get showing() { return Boolean(this._bar); }
    show() {
      if (this._bar) return Promise.resolve();
      this._bar = document.createElement("div");
      this._bar.setAttribute("data-app-bridge-save-bar", this.id || "");
      this._bar.setAttribute("role", "region");
      this._bar.setAttribute("aria-label", "Unsaved changes");
      this._bar.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:9998;display:flex;gap:8px;align-items:center;justify-content:flex-end;padding:8px 20px;background:#1a1a1a;color:#fff;font:14px system-ui";
      this._render();
      document.body.appendChild(this._bar);
      this.dispatchEvent(new CustomEvent("show"));
      return Promise.resolve();
    }
    hide() {
      if (!this._bar) return Promise.resolve();
      this._bar.remove();
      this._bar = null;
      this.dispatchEvent(new CustomEvent("hide"));
      return Promise.resolve();
    }
    toggle() { return this._bar ? this.hide() : this.show(); }
    _render() {
      const bar = this._bar;
      bar.replaceChildren();
      const label = document.createElement("span");
      label.textContent = "Unsaved changes";
      label.style.marginRight = "auto";
      bar.appendChild(label);
      for (const source of this.querySelectorAll("button")) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = source.textContent;
        button.disabled = source.disabled;
        const primary = source.getAttribute("variant") === "primary";
        button.style.cssText = "padding:6px 12px;border-radius:8px;border:1px solid #8a8a8a;font:inherit;background:" + (primary ? "#fff;color:#000" : "transparent;color:#fff");
        button.addEventListener("click", () => source.click());
        bar.appendChild(button);
      }
    }
  }
  if (!customElements.get("ui-save-bar")) customElements.define("ui-save-bar", SaveBar);
  const bar = (id) => saveBars.get(id) || document.getElementById(id);
  window.shopify.saveBar = {
    show: (id) => bar(id) ? bar(id).show() : Promise.resolve(),
    hide: (id) => bar(id) ? bar(id).hide() : Promise.resolve(),
    toggle: (id) => bar(id) ? bar(id).toggle() : Promise.resolve(),
    leaveConfirmation: () => Promise.resolve(),
  };
`;
