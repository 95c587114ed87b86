import type { StatusStrings } from '../status-strings.js';

const ja: StatusStrings = {
  'status.heard': '受け付け済み',
  'status.planned': '予定',
  'status.in-progress': '対応中',
  'status.done': '完了',
  'status.declined': '見送り',
  'status.investigating': '調査中',
  'status.identified': '原因特定',
  'status.monitoring': '経過観察中',
  'status.resolved': '解決済み',
};

export default ja;
