/**
 * Titles and roles that precede or describe a person's name. They are not
 * part of the name: the entity annotator strips them and records them as roles.
 */

/** Multi-word offices first is not required: the matcher takes the longest match. */
export const ROLE_TITLES: readonly string[] = [
  'President', 'Vice President', 'Prime Minister', 'Deputy Prime Minister', 'Premier', 'Chancellor',
  'King', 'Queen', 'Prince', 'Princess', 'Crown Prince', 'Emir', 'Sultan', 'Sheikh', 'Shaikh', 'Sheik',
  'Minister', 'Foreign Minister', 'Defence Minister', 'Defense Minister', 'Interior Minister', 'Finance Minister',
  'Oil Minister', 'Economy Minister', 'Health Minister', 'Justice Minister', 'Trade Minister', 'Energy Minister',
  'Deputy Foreign Minister', 'Secretary', 'Secretary of State', 'Secretary General', 'Secretary-General',
  'Deputy Secretary General', 'Under-Secretary', 'Undersecretary', 'Ambassador', 'Envoy', 'Special Envoy',
  'Consul', 'Consul General', 'Charge d\'Affaires', 'Speaker', 'Speaker of Parliament', 'Parliament Speaker',
  'Deputy Speaker', 'Senator', 'Sen.', 'Congressman', 'Congresswoman', 'Representative', 'Rep.', 'Governor', 'Gov.',
  'Mayor', 'Deputy', 'Lawmaker', 'MP', 'Leader', 'Supreme Leader', 'Chairman', 'Chairwoman', 'Chair', 'Director',
  'Director General', 'Director-General', 'Chief', 'Chief Executive', 'CEO', 'Commander', 'General', 'Gen.',
  'Lieutenant General', 'Lt. Gen.', 'Major General', 'Maj. Gen.', 'Brigadier General', 'Brig. Gen.', 'Colonel',
  'Col.', 'Major', 'Maj.', 'Captain', 'Capt.', 'Lieutenant', 'Lt.', 'Sergeant', 'Sgt.', 'Admiral', 'Adm.',
  'Marshal', 'Field Marshal', 'Spokesman', 'Spokeswoman', 'Spokesperson', 'Judge', 'Justice', 'Chief Justice',
  'Prosecutor', 'Attorney General', 'Pope', 'Cardinal', 'Archbishop', 'Bishop', 'Father', 'Rev.', 'Reverend',
  'Rabbi', 'Imam', 'Mufti', 'Grand Mufti', 'Ayatollah', 'Grand Ayatollah', 'Hojatoleslam', 'Hujjat al-Islam',
  'Sayyed', 'Seyyed', 'Sayed', 'Seyed', 'Sayyid', 'Mullah', 'Dr.', 'Dr', 'Prof.', 'Professor', 'Mr.', 'Mr',
  'Mrs.', 'Mrs', 'Ms.', 'Ms', 'Sir', 'Dame', 'Lord', 'Lady', 'Advisor', 'Adviser', 'Senior Advisor',
  'Official', 'Spokesman', 'Head', 'Coach', 'Manager', 'Striker', 'Analyst', 'Commissioner', 'Envoy',
];

/** Honorifics that are titles but never a job: recorded as roles on their own. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'Ayatollah', 'Grand Ayatollah', 'Hojatoleslam', 'Sayyed', 'Seyyed', 'Sayed', 'Seyed', 'Sayyid', 'Sheikh', 'Shaikh',
  'Sheik', 'Mullah', 'Imam', 'Sir', 'Dame', 'Lord', 'Lady', 'Dr.', 'Dr', 'Prof.', 'Mr.', 'Mr', 'Mrs.', 'Mrs', 'Ms.',
  'Ms', 'Rev.', 'Reverend', 'Rabbi',
]);

/** Courtesy titles carry no role worth keeping. */
export const COURTESY: ReadonlySet<string> = new Set(['Mr.', 'Mr', 'Mrs.', 'Mrs', 'Ms.', 'Ms']);
