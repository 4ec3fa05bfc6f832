import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'cn2r-pilotage' },
    redact: { paths: ['req.headers.cookie', 'res.headers["set-cookie"]', 'req.headers["x-xsrf-token"]'], censor: '[masqué]' },
  });
}
