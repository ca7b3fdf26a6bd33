// Whether this process is shutting down, so /readyz can tell the load balancer to stop sending requests while
// in-flight ones finish. Kept on globalThis: the web entry and the Remix build each bundle their own copy of
// this module, and both must see the same flag.
const KEY = Symbol.for("vitrine.stopping");
const state = globalThis as { [KEY]?: boolean };

export function markStopping(): void {
  state[KEY] = true;
}

export function isStopping(): boolean {
  return state[KEY] === true;
}
