import { z } from 'zod';

/** A GraphQL error as every refusal must carry it: `extensions.code`. */
const codedErrorSchema = z.looseObject({ extensions: z.looseObject({ code: z.string().min(1) }) });

/** What the soak counts while it runs (one instance, shared by the load, the subscribers and the faults). */
export class Tally {
  /** GraphQL operations sent over HTTP. */
  operations = 0;
  /** Operations answered without any error. */
  operationsOk = 0;
  /** Subscriptions started (first subscribe and every re-subscribe). */
  subscriptions = 0;
  /** Updates received by the subscribers. */
  updates = 0;
  /** Faults injected, by kind. */
  readonly faults: Record<string, number> = {};
  /** HTTP answers of 500 or more. */
  http5xx = 0;
  /** Errors without `extensions.code`, non-JSON answers, graphql-ws closes with 4500/1011. */
  uncodedErrors = 0;
  /** Error codes seen, HTTP and graphql-ws. */
  readonly codes: Record<string, number> = {};
  /** Operations with no answer within the client's time-out. */
  timeouts = 0;
  /** Connections refused or reset by the gateway (it was restarting, or worse). */
  transportErrors = 0;
  /** Subscriptions completed by the gateway (meeting ended, or stream ended) and started again. */
  completions = 0;
  /** A few examples of each problem, for the report. */
  readonly examples: Record<string, string[]> = {};

  /** Counts one fault. */
  fault(kind: string): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  /** Keeps an example of a problem (at most five of each). */
  example(problem: string, text: string): void {
    const list = this.examples[problem] ?? [];
    if (list.length < 5) list.push(text.slice(0, 400));
    this.examples[problem] = list;
  }

  /** Counts the errors of an answer or a graphql-ws error message: by code, or as uncoded. */
  errors(errors: readonly unknown[] | undefined, where: string): void {
    for (const error of errors ?? []) {
      const coded = codedErrorSchema.safeParse(error);
      if (coded.success) {
        const code = coded.data.extensions.code;
        this.codes[code] = (this.codes[code] ?? 0) + 1;
      } else {
        this.uncodedErrors++;
        this.example('uncoded', `${where}: ${JSON.stringify(error)}`);
      }
    }
  }
}
