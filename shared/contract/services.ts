// Services and Budgets: the commissioned services table, a service's detail and its
// edits (each one step of undo), organisations for pickers, and the Budgets page.
import { z } from 'zod';
import { id } from '../schemas.ts';
import * as s from '../services-schemas.ts';
import { method, none } from './method.ts';

export const serviceMethods = {
  'services.list': method(none, s.serviceList, 'Every commissioned service as a flat row, with its money, payments and evidence counted'),
  'services.get': method(z.object({ id }).strict(), s.serviceDetail,
    'One service: its fields, funding by year and fund, boroughs, evaluations, payments and linked evidence'),
  'services.create': method(z.object({ fields: s.serviceFields }).strict(), s.serviceRow, 'Add a service (one step of undo)'),
  'services.update': method(z.object({ id, patch: s.servicePatch }).strict(), s.serviceRow, 'Change some fields of a service (one step of undo)'),
  'services.delete': method(z.object({ id }).strict(), s.serviceDeleted,
    'Delete a service with its funding lines, evaluations and evidence links (one step of undo)'),
  'organisations.list': method(none, z.array(s.organisationSummary), 'Every organisation, by name, for pickers'),
  'budgets.get': method(none, s.budgets, 'Everything the Budgets page charts, each figure with its source, and the reconciliation checks'),
} as const;
