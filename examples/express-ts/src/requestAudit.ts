// The closure-capture leak, in TypeScript. The factory runs once; the middleware it returns runs on every
// request and appends to `auditTrail`, which lives in the factory's closure as long as the app does.
// Nothing ever removes an entry, so the heap grows with traffic until the process dies.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

interface AuditEntry {
  at: number;
  method: string | undefined;
  url: string | undefined;
  headers: Request['headers'];
}

export function requestAudit(): RequestHandler {
  const auditTrail: AuditEntry[] = [];
  return function audit(req: Request, res: Response, next: NextFunction): void {
    auditTrail.push({ at: Date.now(), method: req.method, url: req.url, headers: req.headers });
    next();
  };
}
