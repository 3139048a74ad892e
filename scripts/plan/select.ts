/**
 * From a plan to what the engine is handed. deploy-cli writes every item it is given (an update for each
 * one the tenant has, a new Action version for each Action), so it is given only the items the plan
 * changes; settings objects that deploy-cli writes in parts (attack protection) only the changed parts.
 */
import { deleteOrder } from '../resources/index';
import { isRecord, type Rec } from './compare';
import type { PlanOptions } from './plan';
import { clientRefs, itemsOf, kindOf } from './resources';
import type { Plan, TenantState } from './types';

export function writesFor(
  plan: Plan,
  desired: TenantState,
  current: TenantState,
  options: PlanOptions = {},
): TenantState {
  const refs = clientRefs(current.clients, options.deployClientId);
  const out: TenantState = {};
  for (const type of plan.types) {
    const changes = plan.changes.filter((change) => change.type === type && change.action !== 'delete');
    if (changes.length === 0) continue;
    const kind = kindOf(type);
    const section = desired[type];
    if (kind.shape === 'singleton') {
      if (!isRecord(section) || !kind.writtenInParts) out[type] = section;
      else {
        const parts = new Set(
          changes.flatMap((change) => change.fields.map((field) => field.path.split('.')[0])),
        );
        out[type] = Object.fromEntries(Object.entries(section).filter(([part]) => parts.has(part)));
      }
      continue;
    }
    const names = new Set(changes.map((change) => change.name));
    if (kind.shape === 'map' && isRecord(section)) {
      out[type] = Object.fromEntries(Object.entries(section).filter(([id]) => names.has(id)));
    } else if (Array.isArray(section)) {
      out[type] = section.filter((item) => isRecord(item) && names.has(kind.identity(item, refs)));
    }
  }
  return out;
}

/** The current items (as read, with their ids) the plan deletes, per type, types in delete order. */
export function deletesFor(
  plan: Plan,
  current: TenantState,
  options: PlanOptions = {},
): Record<string, Rec[]> {
  const refs = clientRefs(current.clients, options.deployClientId);
  // Each delete in the plan is one item: never more items of a name than the plan shows deletes of it.
  const planned = new Map<string, { type: string; name: string; count: number }>();
  for (const change of plan.changes) {
    if (change.action !== 'delete') continue;
    const key = `${change.type}\u0000${change.name}`;
    const entry = planned.get(key) ?? { type: change.type, name: change.name, count: 0 };
    entry.count += 1;
    planned.set(key, entry);
  }
  const out: Record<string, Rec[]> = {};
  for (const { type, name, count } of planned.values()) {
    const kind = kindOf(type);
    const items = itemsOf(kind, current[type]).filter(
      (item) => !kind.compare.ignore?.(item, refs) && kind.identity(item, refs) === name,
    );
    out[type] = [...(out[type] ?? []), ...items.slice(0, count)];
  }
  // In the order the engine applies them: dependants first (a grant before its client).
  return Object.fromEntries(deleteOrder().flatMap((type) => (out[type] ? [[type, out[type]]] : [])));
}
