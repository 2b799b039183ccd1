import { describe, expect, it } from 'vitest';
import { judgeWindowsProof } from '../../../src/main/elevation/windows-proof-judge';
import {
  ADMINS,
  allow,
  AUTHENTICATED_USERS,
  changed,
  CREATOR_OWNER,
  deny,
  EVERYONE,
  genuineReport,
  printed,
  RIGHTS,
  STARTED_AT,
  SYSTEM,
  TRADER,
  USERS,
  WRITTEN_AT,
} from './proof-reports';

const NONCE = '5f0c9e2a71b84d3e9a6c0b1d2e3f4a5b';
const OTHER_NONCE = '0123456789abcdef0123456789abcdef';

/** The genuine answer exactly as Windows PowerShell 5.1 prints it (ConvertTo-Json -Compress, CRLF). */
const GENUINE_LINE =
  'riskwarden-proof-report {"folders":[' +
  '{"path":"C:\\\\ProgramData\\\\RiskWarden","exists":true,"directory":true,"reparsePoint":false,"owner":"S-1-5-32-544",' +
  '"aces":[{"sid":"S-1-5-32-544","type":"Allow","rights":2032127},{"sid":"S-1-5-18","type":"Allow","rights":2032127},' +
  '{"sid":"S-1-5-32-545","type":"Allow","rights":1179817}],"createdMs":1768208400000,"text":null,"error":null},' +
  '{"path":"C:\\\\ProgramData\\\\RiskWarden\\\\unlock-proofs","exists":true,"directory":true,"reparsePoint":false,"owner":"S-1-5-32-544",' +
  '"aces":[{"sid":"S-1-5-32-544","type":"Allow","rights":2032127},{"sid":"S-1-5-18","type":"Allow","rights":2032127},' +
  '{"sid":"S-1-5-32-545","type":"Allow","rights":1179817}],"createdMs":1768208400000,"text":null,"error":null}],' +
  '"file":{"path":"C:\\\\ProgramData\\\\RiskWarden\\\\unlock-proofs\\\\proof-5f0c9e2a71b84d3e9a6c0b1d2e3f4a5b.txt","exists":true,' +
  '"directory":false,"reparsePoint":false,"owner":"S-1-5-32-544","aces":[{"sid":"S-1-5-32-544","type":"Allow","rights":2032127},' +
  '{"sid":"S-1-5-18","type":"Allow","rights":2032127},{"sid":"S-1-5-32-545","type":"Allow","rights":1179785}],' +
  '"createdMs":1772461804317,"text":"riskwarden-elevated 5f0c9e2a71b84d3e9a6c0b1d2e3f4a5b admin=True","error":null}}\r\n';

/**
 * A folder a standard user made in ProgramData before the first unlock: owned by them, with what
 * ProgramData passes on (CREATOR OWNER, Users may add files) and Users:Modify they added themselves.
 */
const USER_MADE_FOLDER = {
  owner: TRADER,
  aces: [
    allow(USERS, RIGHTS.modify),
    allow(SYSTEM, RIGHTS.fullControl),
    allow(ADMINS, RIGHTS.fullControl),
    allow(CREATOR_OWNER, RIGHTS.genericAll),
    allow(USERS, RIGHTS.readAndExecute),
    allow(USERS, RIGHTS.programDataUsers),
  ],
};

const judge = (output: string, startedAt = STARTED_AT) => judgeWindowsProof(output, NONCE, startedAt);

describe('judging the Windows proof', () => {
  it('approves the proof the elevated child leaves: line for this nonce, admin=True, owned and writable by administrators only', () => {
    expect(judge(GENUINE_LINE)).toEqual({ kind: 'approved', proof: `riskwarden-elevated ${NONCE} admin=True` });
    expect(judge(printed(genuineReport(NONCE)))).toEqual(judge(GENUINE_LINE));
  });

  it.each<[string, string, RegExp]>([
    [
      'a proof folder a user made, with Users:Modify',
      printed(changed(NONCE, 1, USER_MADE_FOLDER)),
      /^the proof folder C:\\ProgramData\\RiskWarden\\unlock-proofs is owned by S-1-5-21-3623811015-3361044348-30300820-1013, not by Administrators or SYSTEM, so a program without administrator rights could have made it; nothing was unlocked$/,
    ],
    [
      'a proof folder owned by Administrators that Users may modify',
      printed(changed(NONCE, 0, { aces: [...genuineReport(NONCE).folders[0]!.aces, allow(USERS, RIGHTS.modify)] })),
      /^the proof folder C:\\ProgramData\\RiskWarden can be changed by Users \(S-1-5-32-545\) \(write data or add files, append data or add folders, write extended attributes, write attributes, delete\), not only by Administrators and SYSTEM; nothing was unlocked$/,
    ],
    [
      'a proof file owned by the trader',
      printed(changed(NONCE, 'file', { owner: TRADER, aces: [allow(TRADER, RIGHTS.fullControl), allow(SYSTEM, RIGHTS.fullControl)] })),
      /^the proof file .+proof-5f0c9e2a71b84d3e9a6c0b1d2e3f4a5b\.txt is owned by S-1-5-21-3623811015-3361044348-30300820-1013, not by Administrators or SYSTEM/,
    ],
    [
      'no proof file',
      printed(changed(NONCE, 'file', { exists: false, owner: null, aces: [], createdMs: null, text: null, error: 'Cannot find path' })),
      /^UAC ended without a proof from the elevated child \(no C:\\ProgramData\\RiskWarden\\unlock-proofs\\proof-5f0c9e2a71b84d3e9a6c0b1d2e3f4a5b\.txt\); nothing was unlocked$/,
    ],
    [
      'a proof file made before the prompt started',
      printed(changed(NONCE, 'file', { createdMs: STARTED_AT - 1 })),
      /^the proof file is older than this prompt \(made 2026-03-02T14:29:59\.999Z\); nothing was unlocked$/,
    ],
    [
      "another attempt's proof line",
      printed(changed(NONCE, 'file', { text: `riskwarden-elevated ${OTHER_NONCE} admin=True` })),
      /^the proof file does not carry this attempt's nonce; nothing was unlocked$/,
    ],
    [
      'a child that was not an administrator',
      printed(changed(NONCE, 'file', { text: `riskwarden-elevated ${NONCE} admin=False` })),
      /^the elevated child did not run as administrator \(admin=False\); nothing was unlocked$/,
    ],
    [
      'a proof folder that is a junction',
      printed(changed(NONCE, 1, { reparsePoint: true })),
      /^the proof folder C:\\ProgramData\\RiskWarden\\unlock-proofs is a junction or link, so it may lead somewhere a user can write; nothing was unlocked$/,
    ],
    ['a proof file that is a link', printed(changed(NONCE, 'file', { reparsePoint: true })), /^the proof file .+ is a junction or link/],
    [
      'malformed JSON',
      'riskwarden-proof-report {"folders":[{"path":"C:\\\\ProgramData\\\\RiskWarden",\r\n',
      /^the check of the UAC proof gave no answer Risk Warden can read \(not JSON: .+\); nothing was unlocked$/,
    ],
    ['no report line at all', 'WARNING: something else\r\n', /no answer Risk Warden can read \(0 report lines\)/],
    ['two report lines', GENUINE_LINE + GENUINE_LINE, /no answer Risk Warden can read \(2 report lines\)/],
    [
      'JSON of another shape (PowerShell writing an array as {"value":…})',
      printed(genuineReport(NONCE)).replace('"aces":[', '"aces":{"value":[').replace('],"createdMs"', ']},"createdMs"'),
      /no answer Risk Warden can read \(folders\.0\.aces: .+\)/,
    ],
    [
      'a report about another place',
      printed(changed(NONCE, 'file', { path: 'C:\\Users\\trader\\AppData\\Local\\Temp\\proof.txt' })),
      /^the check of the UAC proof looked somewhere else than C:\\ProgramData\\RiskWarden\\unlock-proofs\\proof-5f0c9e2a71b84d3e9a6c0b1d2e3f4a5b\.txt; nothing was unlocked$/,
    ],
    [
      'a proof file the check could not open',
      printed(changed(NONCE, 'file', { owner: null, aces: [], text: null, error: 'Access to the path is denied.' })),
      /^the proof file .+ could not be read \(Access to the path is denied\.\); nothing was unlocked$/,
    ],
    [
      'a folder where the proof file should be',
      printed(changed(NONCE, 'file', { directory: true })),
      /^the proof file .+ is not a file; nothing was unlocked$/,
    ],
    [
      'a missing proof folder',
      printed(changed(NONCE, 0, { exists: false })),
      /^the proof folder C:\\ProgramData\\RiskWarden is missing; nothing was unlocked$/,
    ],
  ])('refuses %s', (_what, output, message) => {
    expect(judge(output)).toEqual({ kind: 'refused', message: expect.stringMatching(message) });
  });

  it.each<[string, { sid: string; type: string; rights: number }]>([
    ['Everyone may append to it', allow(EVERYONE, 4)],
    ['Authenticated Users may write its attributes', allow(AUTHENTICATED_USERS, 0x100)],
    ['Users may delete it', allow(USERS, 0x1_0000)],
    ['Users may change its permissions', allow(USERS, 0x4_0000)],
    ['the trader may take ownership', allow(TRADER, 0x8_0000)],
    ['CREATOR OWNER has generic all', allow(CREATOR_OWNER, RIGHTS.genericAll)],
    ['Users have generic write', allow(USERS, 0x4000_0000)],
    ['an entry of an unknown type grants write', { sid: USERS, type: 'AllowCallback', rights: 2 }],
  ])('refuses a proof file when %s', (_what, ace) => {
    const output = printed(changed(NONCE, 'file', { aces: [...genuineReport(NONCE).file.aces, ace] }));
    expect(judge(output)).toMatchObject({ kind: 'refused', message: expect.stringMatching(/can be changed by .+; nothing was unlocked$/) });
  });

  it.each<[string, Partial<ReturnType<typeof genuineReport>['file']>]>([
    ['SYSTEM owns the file', { owner: SYSTEM }],
    ['a deny entry takes write away from Users', { aces: [...genuineReport(NONCE).file.aces, deny(USERS, RIGHTS.modify)] }],
    [
      'Everyone may read (generic read, a negative int)',
      { aces: [...genuineReport(NONCE).file.aces, allow(EVERYONE, RIGHTS.genericRead)] },
    ],
    ['the line ends with a line break', { text: `riskwarden-elevated ${NONCE} admin=True\r\n` }],
    ['the file was made in the prompt’s first millisecond', { createdMs: STARTED_AT }],
  ])('still approves when %s', (_what, change) => {
    expect(judge(printed(changed(NONCE, 'file', change))).kind).toBe('approved');
  });

  it('reads the report line among other output', () => {
    expect(judge(`WARNING: a profile setting\r\n${GENUINE_LINE}\r\n`).kind).toBe('approved');
  });

  it('says nothing was unlocked in every refusal', () => {
    const refusals = [
      judge(''),
      judge(GENUINE_LINE, WRITTEN_AT + 1),
      judgeWindowsProof(GENUINE_LINE, OTHER_NONCE, STARTED_AT),
      judge(printed(changed(NONCE, 'file', { owner: null }))),
    ];
    for (const outcome of refusals)
      expect(outcome).toMatchObject({ kind: 'refused', message: expect.stringMatching(/; nothing was unlocked$/) });
  });
});
