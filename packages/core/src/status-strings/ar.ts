import type { StatusStrings } from '../status-strings.js';

const ar: StatusStrings = {
  'status.heard': 'تم الاستماع',
  'status.planned': 'مخطط له',
  'status.in-progress': 'قيد التنفيذ',
  'status.done': 'تم',
  'status.declined': 'مرفوض',
  'status.investigating': 'قيد التحقيق',
  'status.identified': 'تم تحديد السبب',
  'status.monitoring': 'قيد المراقبة',
  'status.resolved': 'تم الحل',
};

export default ar;
