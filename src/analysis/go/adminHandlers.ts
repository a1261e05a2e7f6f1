// Handlers of an administration API: minio's `adminAPIHandlers` methods, a `/admin/…` route, the handlers
// of an `admin_handlers.go`. Only the operator calls them (behind the admin credentials), to add or remove
// buckets, targets, tiers, peers and subscribers of the server's own configuration: what they write grows
// with the operator's actions, not with client traffic, so it is not growth per request. A data race in
// them is still one.
import { basename } from 'node:path';
import type { Handler } from './handlers';

/** `admin` as a word or a camel-case part: `adminAPIHandlers`, `/minio/admin/v3`, `AdminHandler`, not `badminton`. */
const ADMIN = /(^|[^a-z])admin|Admin/;

export function isAdminHandler(handler: Handler, file: string): boolean {
  return ADMIN.test(handler.name) || ADMIN.test(handler.anchor.message) || ADMIN.test(basename(file));
}
