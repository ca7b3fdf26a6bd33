// Calling Remix loaders and actions directly: their arguments, a form post as the admin's <Form> sends it, and
// the Response a call ends in whether it returned or threw one (plain data becomes a JSON 200).
export const args = (
  request: Request,
  params: Record<string, string> = {},
) => ({
  request,
  params,
  context: {},
});

export async function settle(promise: Promise<unknown>): Promise<Response> {
  try {
    const value = await promise;
    return value instanceof Response ? value : Response.json(value);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** A url-encoded POST of the fields (undefined ones left out). */
export function form(fields: Record<string, string | undefined>) {
  const body = new URLSearchParams(
    Object.entries(fields).filter(
      (e): e is [string, string] => e[1] !== undefined,
    ),
  );
  return {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  };
}
