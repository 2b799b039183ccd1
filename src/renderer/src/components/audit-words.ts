/** Who acted, in words; the stored code stays in the database. */
const ACTORS: Record<string, string> = {
  'risk-engine': 'Risk Warden',
  service: 'Risk Warden',
  schedule: 'Schedule',
  admin: 'Administrator',
  config: 'Config file',
};

/** What was done, in words. The unlock outcomes keep "unlock approved", "unlock denied"… as a reader searches them. */
const ACTIONS: Record<string, string> = {
  lock: 'Account locked',
  unlock: 'Lock ended',
  'daily reset': 'New trading day (daily reset)',
  start: 'Risk Warden started',
  reload: 'Config edit applied',
  'reload refused': 'Config edit refused',
  'start: loosenings still held': 'Started with loosenings still held for the reset',
  'stored config in force unreadable': 'Stored config could not be read',
  'unlock not locked': 'Admin unlock asked: account was not locked',
  'unlock busy': 'Admin unlock asked: a prompt was already open',
  'unlock refused': 'Admin unlock refused',
  'unlock approved': 'Admin unlock approved',
  'unlock denied': 'Admin unlock denied',
  'unlock cancelled': 'Admin unlock cancelled',
  'unlock unavailable': 'Admin unlock unavailable',
  'actions interrupted': 'Actions interrupted by a stop',
  'records altered': 'Records altered while stopped',
};

function words(code: string, table: Record<string, string>): string {
  const known = table[code];
  if (known) return known;
  const spaced = code.replace(/[-_]+/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function actionWords(action: string): string {
  return words(action, ACTIONS);
}

export function actorWords(actor: string): string {
  return words(actor, ACTORS);
}
