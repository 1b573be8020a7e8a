import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stderr so stdout stays clean for CLI output. */
export function createLogger(level: string, name = 'supplygraph'): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination({ dest: 2, sync: false }));
}
