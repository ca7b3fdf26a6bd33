// @vitest-environment jsdom
// useRevalidateWhile in a real (memory) router: a page keeps looking while its work moves, and stops after `max`
// looks without news, so a season's long staging is followed to the end while a stuck job is not polled forever.
import { act } from "react";
import { createRoot } from "react-dom/client";
import {
  createMemoryRouter,
  RouterProvider,
  useLoaderData,
} from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { useRevalidateWhile } from "~/components/use-revalidate-while";

(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unmounts: (() => void)[] = [];
afterEach(() => unmounts.splice(0).forEach((unmount) => unmount()));

/**
 * Mounts a page whose loader reports `progressOf(loads)`; resolves with the loader's call count once a window
 * passes without a load (each act() window lets one 5 ms look fire and render).
 */
async function loadsUntilSettled(
  progressOf: (loads: number) => string,
  max: number,
): Promise<number> {
  let loads = 0;
  function Page() {
    const { progress } = useLoaderData() as { progress: string };
    useRevalidateWhile(true, { everyMs: 5, max, progress });
    return null;
  }
  const router = createMemoryRouter([
    {
      path: "/",
      loader: () => {
        loads += 1;
        return { progress: progressOf(loads) };
      },
      Component: Page,
    },
  ]);
  const root = createRoot(document.createElement("div"));
  await act(async () =>
    root.render(
      <RouterProvider router={router} future={{ v7_startTransition: true }} />,
    ),
  );
  unmounts.push(() => act(() => root.unmount()));
  let last = -1;
  while (last !== loads) {
    last = loads;
    await act(() => sleep(200));
  }
  return loads;
}

describe("useRevalidateWhile", () => {
  it("stops after max looks when nothing moves", async () => {
    // The first load, then 3 looks.
    expect(await loadsUntilSettled(() => "stuck", 3)).toBe(4);
  }, 20_000);

  it("keeps looking while the work moves, then stops max looks after the last move", async () => {
    // Progress moves on each of the first 10 loads: the budget of 3 renews each time, then runs out.
    expect(
      await loadsUntilSettled((loads) => String(Math.min(loads, 10)), 3),
    ).toBe(13);
  }, 20_000);
});
