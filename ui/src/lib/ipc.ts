// The one door from the UI to Rust: the generated bindings, unwrapped so that a failed
// command throws a CommandError carrying the core's Dutch (and English) message.
import { commands, type AppError } from "./bindings";
import { inEnglish } from "./i18n";
import { markUnreachable } from "./connection.svelte";

type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

export { commands };

export class CommandError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.error = error;
  }
  /** The English message, beside `message` (Dutch): what ErrorNotice shows. */
  get messageEn(): string {
    return this.error.messageEn;
  }
  /** The message for one field, if the core named it, in the chosen language. */
  field(name: string): string | undefined {
    const problem = this.error.fields.find((f) => f.field === name);
    return problem && (inEnglish() ? problem.messageEn : problem.message);
  }
}

/** Tauri itself rejects with a plain string (unknown command, denied permission). */
function asAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) return e as AppError;
  const detail = typeof e === "string" ? e : String(e);
  return {
    kind: "internal",
    message: `Er ging iets mis in AI-toets: ${detail}`,
    messageEn: `Something went wrong in AI-toets: ${detail}`,
    fields: [],
  };
}

export async function call<T>(result: Promise<Result<T, AppError>>): Promise<T> {
  const r = await result;
  if (r.status === "ok") return r.data;
  const error = asAppError(r.error);
  // The database server did not answer: one calm banner says so for every screen.
  if (error.kind === "unreachable") markUnreachable();
  throw new CommandError(error);
}

export function errorOf(e: unknown): CommandError {
  return e instanceof CommandError ? e : new CommandError(asAppError(e instanceof Error ? e.message : e));
}
