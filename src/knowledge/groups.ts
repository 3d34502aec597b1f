/**
 * Armed and militant groups, political/religious adjectives (NORP) and the
 * head words of organisation names. Gazetteers for NER and its type refinement.
 */

/** Each row is one group: its canonical name first, then aliases. */
export const ARMED_GROUPS: readonly (readonly string[])[] = [
  ['Daesh', 'ISIL', 'ISIS', 'IS', 'Islamic State', 'Islamic State of Iraq and the Levant', 'Islamic State of Iraq and Syria', 'Daech', 'Da\'esh'],
  ['Hezbollah', 'Hizbollah', 'Hizbullah', 'Hizballah', 'Hezbolla'],
  ['al-Nusra Front', 'Nusra Front', 'al-Nusra', 'Nusra', 'Jabhat al-Nusra', 'Jabhat Fateh al-Sham', 'Fateh al-Sham', 'Hayat Tahrir al-Sham', 'Tahrir al-Sham', 'HTS'],
  ['Hamas'],
  ['Islamic Jihad', 'Palestinian Islamic Jihad'],
  ['Taliban', 'Taleban'],
  ['al-Qaeda', 'al-Qaida', 'al Qaeda', 'Al Qaeda', 'al-Qa\'ida', 'Qaeda', 'AQAP', 'AQIM'],
  ['al-Shabaab', 'al-Shabab', 'Shabaab', 'Shabab'],
  ['Boko Haram'],
  ['PKK', 'Kurdistan Workers\' Party', 'Kurdistan Workers Party'],
  ['YPG', 'People\'s Protection Units'],
  ['SDF', 'Syrian Democratic Forces'],
  ['Free Syrian Army', 'FSA'],
  ['Ahrar al-Sham'],
  ['Jaish al-Islam'],
  ['Ansarullah', 'Houthis', 'Houthi', 'Ansar Allah'],
  ['Popular Mobilization Units', 'Popular Mobilization Forces', 'Hashd al-Shaabi', 'PMU', 'PMF'],
  ['Kata\'ib Hezbollah', 'Kataib Hezbollah'],
  ['Jundallah'],
  ['MEK', 'MKO', 'Mujahedin-e Khalq', 'Mojahedin-e Khalq', 'People\'s Mujahedin'],
  ['ETA'],
  ['IRA', 'Irish Republican Army'],
  ['FARC'],
  ['Tamil Tigers', 'LTTE'],
  ['Lashkar-e-Taiba', 'Lashkar-e-Toiba'],
  ['Jaish-e-Mohammed'],
  ['Abu Sayyaf'],
  ['Shining Path'],
  ['Janjaweed'],
  ['Wagner Group', 'Wagner'],
];

/** Religious and political groups named as adjectives or plural nouns. */
export const NORP_TERMS: readonly string[] = [
  'Takfiri', 'Takfiris', 'Zionist', 'Zionists', 'Sunni', 'Sunnis', 'Shia', 'Shias', 'Shiite', 'Shiites', 'Shi\'ite',
  'Wahhabi', 'Wahhabis', 'Wahhabist', 'Salafi', 'Salafis', 'Salafist', 'Salafists', 'Islamist', 'Islamists',
  'Jihadist', 'Jihadists', 'Muslim', 'Muslims', 'Islamic', 'Christian', 'Christians', 'Catholic', 'Catholics',
  'Protestant', 'Protestants', 'Orthodox', 'Jew', 'Jews', 'Jewish', 'Hindu', 'Hindus', 'Buddhist', 'Buddhists',
  'Sikh', 'Sikhs', 'Druze', 'Alawite', 'Alawites', 'Maronite', 'Maronites', 'Kurd', 'Kurds', 'Kurdish', 'Arab',
  'Arabs', 'Arabic', 'Persian', 'Baloch', 'Pashtun', 'Tajik', 'Uzbek', 'Turkmen', 'Yazidi', 'Yazidis', 'Copt',
  'Copts', 'Coptic', 'Houthi', 'Ba\'athist', 'Baathist', 'Democrat', 'Democrats', 'Republican', 'Republicans',
  'Communist', 'Communists', 'Socialist', 'Socialists', 'Conservative', 'Conservatives', 'Labour', 'Liberal',
  'Liberals', 'Western', 'Westerners', 'European', 'Europeans', 'African', 'Africans', 'Asian', 'Asians',
  'Latin American', 'Middle Eastern', 'Balkan', 'Caucasian', 'Scandinavian',
];

/** Head words of organisation names ("Expediency Council", "Center for Strategic Research"). */
export const ORG_KEYWORDS: readonly string[] = [
  'Ministry', 'Council', 'Party', 'Movement', 'Agency', 'Center', 'Centre', 'Organization', 'Organisation', 'Army',
  'Front', 'Union', 'Association', 'Committee', 'Commission', 'Institute', 'Foundation', 'Bank', 'Corporation',
  'Corp', 'Corp.', 'Company', 'Co', 'Co.', 'Inc', 'Inc.', 'Ltd', 'Ltd.', 'Group', 'Assembly', 'Parliament',
  'Congress', 'Senate', 'Court', 'Tribunal', 'University', 'College', 'School', 'Academy', 'Office', 'Bureau',
  'Department', 'Authority', 'Board', 'Federation', 'League', 'Alliance', 'Coalition', 'Forces', 'Guard', 'Guards',
  'Corps', 'Police', 'Navy', 'Brigade', 'Brigades', 'Battalion', 'Militia', 'Network', 'Society', 'Club', 'Fund',
  'Trust', 'Service', 'Services', 'Airlines', 'Airways', 'News', 'Times', 'Post', 'Press', 'TV', 'Television',
  'Radio', 'Agency', 'Exchange', 'Cabinet', 'Government', 'Administration', 'Secretariat', 'Directorate',
  'Mission', 'Embassy', 'Consulate', 'Hospital', 'Church', 'Mosque', 'Synod', 'Foundation', 'Initiative',
  'Conference', 'Forum', 'Summit', 'Scholars', 'Research', 'Studies', 'Holdings', 'Group', 'Partners', 'Industries',
];
