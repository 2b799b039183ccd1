/** Numbered schema migrations; `PRAGMA user_version` holds the last one applied. Append, never edit. */
export const MIGRATIONS: readonly string[] = [
  /* 1 */ `
  CREATE TABLE fills (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL,
    contract_id TEXT NOT NULL,
    order_id INTEGER NOT NULL,
    ts TEXT NOT NULL,
    price REAL NOT NULL,
    size INTEGER NOT NULL,
    profit_and_loss REAL,
    fees REAL NOT NULL,
    trading_day TEXT NOT NULL
  );
  CREATE INDEX fills_by_day ON fills (account_id, trading_day);

  CREATE TABLE violations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    account_id INTEGER NOT NULL,
    rule_id TEXT NOT NULL,
    rule_name TEXT NOT NULL,
    message TEXT NOT NULL,
    value REAL NOT NULL,
    limit_value REAL NOT NULL
  );

  CREATE TABLE enforcement_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    account_id INTEGER NOT NULL,
    rule_id TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'done', 'not_needed', 'failed', 'dry_run')),
    detail TEXT
  );

  CREATE TABLE lockouts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    since TEXT NOT NULL,
    until TEXT,
    cleared_at TEXT,
    cleared_by TEXT
  );
  CREATE INDEX lockouts_active ON lockouts (account_id) WHERE cleared_at IS NULL;

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    account_id INTEGER,
    detail TEXT
  );
  `,
  /* 2 */ `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  /* 3 */ `
  CREATE TABLE rule_state (
    account_id INTEGER NOT NULL,
    rule_id TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (account_id, rule_id)
  );
  `,
  /* 4 */ `
  CREATE TABLE admin_overrides (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL,
    rule_id TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    until TEXT NOT NULL,
    reason TEXT NOT NULL
  );
  `,
  /* 5 */ `
  -- An admin unlock either suspends the rule until the reset (every override before this one did)
  -- or resumes it against a fresh limit counted from the baseline (JSON of the engine's Baseline).
  ALTER TABLE admin_overrides ADD COLUMN mode TEXT NOT NULL DEFAULT 'suspend' CHECK (mode IN ('suspend', 'resume'));
  ALTER TABLE admin_overrides ADD COLUMN baseline TEXT;
  `,
  /* 6 */ `
  -- An action still 'sent' at start lost its answer to the end of the process (kill -9, a crash,
  -- power loss); start marks it 'interrupted'. SQLite cannot change a CHECK: the table is rebuilt.
  CREATE TABLE enforcement_actions_v6 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    account_id INTEGER NOT NULL,
    rule_id TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'done', 'not_needed', 'failed', 'dry_run', 'interrupted')),
    detail TEXT
  );
  INSERT INTO enforcement_actions_v6 (id, ts, account_id, rule_id, action, target, status, detail)
    SELECT id, ts, account_id, rule_id, action, target, status, detail FROM enforcement_actions;
  DROP TABLE enforcement_actions;
  ALTER TABLE enforcement_actions_v6 RENAME TO enforcement_actions;
  `,
  /* 7 */ `
  -- Lockouts, admin overrides and audit rows sealed as written (record-chain.ts): the row's content
  -- and an HMAC over it and the entry before, so an edit made outside Risk Warden shows at start.
  CREATE TABLE record_chain (
    seq INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    content TEXT NOT NULL,
    mac TEXT NOT NULL
  );
  `,
];
