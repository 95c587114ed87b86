import type { IncidentStatus, TopicStatus } from '@voc-kit/protocol';

/**
 * The labels of the public statuses, one table for every element that shows them (`<voc-status-feed>`'s badges and
 * steps, `<voc-cloud>`'s quotes panel): `status.<status>` for each topic status (`TOPIC_STATUSES`) and incident
 * status (`INCIDENT_STATUSES`). An element spreads `statusStrings` into its English table, and the language module
 * of its own (`status-strings/<lang>.ts`) into each of its language modules, so the other languages still load only
 * with the language a page speaks. A page replaces any of them with the element's `strings` property, as any string.
 */
export type StatusStrings = Record<`status.${TopicStatus | IncidentStatus}`, string>;

/** The status labels in English. */
export const statusStrings: StatusStrings = {
  'status.heard': 'Heard',
  'status.planned': 'Planned',
  'status.in-progress': 'In progress',
  'status.done': 'Done',
  'status.declined': 'Declined',
  'status.investigating': 'Investigating',
  'status.identified': 'Identified',
  'status.monitoring': 'Monitoring',
  'status.resolved': 'Resolved',
};
